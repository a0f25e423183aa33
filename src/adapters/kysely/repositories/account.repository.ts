import type { Kysely } from 'kysely';
import type { Account } from '../../../core/accounts/account.types.js';
import type { AccountRepository } from '../../../core/ports/store.js';
import type { Database } from '../schema.js';
import { toAccount } from '../to-core.js';

export class KyselyAccountRepository implements AccountRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(account: Account): Promise<void> {
    await this.db
      .insertInto('accounts')
      .values({ id: account.id, name: account.name, created_at: account.createdAt })
      .execute();
  }

  async findById(id: string): Promise<Account | null> {
    const row = await this.db.selectFrom('accounts').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toAccount(row) : null;
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('accounts')
      .select((eb) => eb.fn.countAll().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}

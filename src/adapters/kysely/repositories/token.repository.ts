import type { Kysely } from 'kysely';
import type { TokenRepository } from '../../../core/ports/store.js';
import type { ApiToken } from '../../../core/tokens/token.types.js';
import type { Database } from '../schema.js';
import { fromApiToken, toApiToken } from '../to-core.js';

export class KyselyTokenRepository implements TokenRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(token: ApiToken): Promise<void> {
    await this.db.insertInto('api_tokens').values(fromApiToken(token)).execute();
  }

  async findByHash(hash: string): Promise<ApiToken | null> {
    const row = await this.db.selectFrom('api_tokens').selectAll().where('hash', '=', hash).executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async findActiveSessionKey(accountId: string, sessionId: string): Promise<ApiToken | null> {
    const row = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    return row ? toApiToken(row) : null;
  }

  async revokeSessionKeys(accountId: string, sessionId: string, at: string): Promise<number> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  async revokedAmong(ids: readonly string[]): Promise<string[]> {
    if (ids.length === 0) return [];
    const active = await this.db
      .selectFrom('api_tokens')
      .select('id')
      .where('id', 'in', [...ids])
      .where('revoked_at', 'is', null)
      .execute();
    const live = new Set(active.map((r) => r.id));
    return ids.filter((id) => !live.has(id));
  }

  async touch(id: string, at: string): Promise<void> {
    await this.db.updateTable('api_tokens').set({ last_used_at: at }).where('id', '=', id).execute();
  }

  async listActivePersonal(accountId: string): Promise<ApiToken[]> {
    const rows = await this.db
      .selectFrom('api_tokens')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('kind', '=', 'pat')
      .where('revoked_at', 'is', null)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toApiToken);
  }

  async revokePersonal(accountId: string, id: string, at: string): Promise<boolean> {
    const result = await this.db
      .updateTable('api_tokens')
      .set({ revoked_at: at })
      .where('account_id', '=', accountId)
      .where('id', '=', id)
      .where('kind', '=', 'pat')
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) === 1;
  }
}

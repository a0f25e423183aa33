import { sql, type Kysely } from 'kysely';
import type { CounterRepository } from '../../../core/ports/store.js';
import type { Database } from '../schema.js';

export class KyselyCounterRepository implements CounterRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // One upsert-returning statement: on PostgreSQL the row lock it takes serialises concurrent
  // transactions on the same counter; on SQLite the single writer does.
  async next(name: string): Promise<number> {
    const row = await this.db
      .insertInto('counters')
      .values({ name, value: 1 })
      .onConflict((oc) => oc.column('name').doUpdateSet({ value: sql<number>`counters.value + 1` }))
      .returning('value')
      .executeTakeFirstOrThrow();
    return Number(row.value);
  }
}

import type { Kysely } from 'kysely';
import type { SessionFenceRepository } from '../../../core/ports/store.js';
import type { Database } from '../schema.js';

export class KyselySessionFenceRepository implements SessionFenceRepository {
  constructor(private readonly db: Kysely<Database>) {}

  // One upsert: it updates (and returns the row) only when the stored token is not larger. On
  // PostgreSQL the conflicting row is locked either way, until the transaction ends.
  async advance(sessionId: string, token: number): Promise<boolean> {
    const row = await this.db
      .insertInto('session_fences')
      .values({ session_id: sessionId, token })
      .onConflict((oc) =>
        oc
          .column('session_id')
          .doUpdateSet({ token: (eb) => eb.ref('excluded.token') })
          .where('session_fences.token', '<=', token),
      )
      .returning('token')
      .executeTakeFirst();
    return row !== undefined;
  }
}

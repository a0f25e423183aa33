import type { Kysely } from 'kysely';
import type { EngineAuthStore } from '../../../core/ports/engine.js';
import type { Database } from '../schema.js';

/**
 * Baileys' auth state rows. `set` runs its writes in one transaction (its own, or the caller's when
 * this repository is bound to one), so a Baileys key transaction commits whole or not at all.
 */
export class KyselyEngineAuthRepository implements EngineAuthStore {
  constructor(private readonly db: Kysely<Database>) {}

  async get(sessionId: string, type: string, ids: string[]): Promise<Map<string, string>> {
    const out = new Map<string, string>();
    // Chunked: SQLite limits bound parameters per statement.
    for (let i = 0; i < ids.length; i += 500) {
      const rows = await this.db
        .selectFrom('engine_auth')
        .select(['key_id', 'value'])
        .where('session_id', '=', sessionId)
        .where('type', '=', type)
        .where('key_id', 'in', ids.slice(i, i + 500))
        .execute();
      for (const r of rows) out.set(r.key_id, r.value);
    }
    return out;
  }

  async set(sessionId: string, changes: Array<{ type: string; id: string; value: string | null }>): Promise<void> {
    const upserts = changes.filter((c): c is { type: string; id: string; value: string } => c.value !== null);
    const deletes = changes.filter((c) => c.value === null);
    const write = async (db: Kysely<Database>) => {
      // Multi-row upserts: a link writes ~800 prekeys at once (chunked for SQLite's parameter limit).
      for (let i = 0; i < upserts.length; i += 200) {
        await db
          .insertInto('engine_auth')
          .values(
            upserts
              .slice(i, i + 200)
              .map((c) => ({ session_id: sessionId, type: c.type, key_id: c.id, value: c.value })),
          )
          .onConflict((oc) =>
            oc.columns(['session_id', 'type', 'key_id']).doUpdateSet((eb) => ({ value: eb.ref('excluded.value') })),
          )
          .execute();
      }
      for (const c of deletes) {
        await db
          .deleteFrom('engine_auth')
          .where('session_id', '=', sessionId)
          .where('type', '=', c.type)
          .where('key_id', '=', c.id)
          .execute();
      }
    };
    if (this.db.isTransaction) await write(this.db);
    else await this.db.transaction().execute(write);
  }

  async clear(sessionId: string): Promise<void> {
    await this.db.deleteFrom('engine_auth').where('session_id', '=', sessionId).execute();
  }
}

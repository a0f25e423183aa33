// Retention's bounded deletes (core/ports/retention.ts). Each method is one small batch chosen
// through a primary key range (ids are time-ordered), so a call touches at most `limit` rows (plus
// their children) and returns quickly on both dialects; the pruner yields between calls.
//
// Children go through the foreign keys' ON DELETE CASCADE (webhook_deliveries.event_id and
// webhook_attempts.delivery_id, both indexed; SQLite runs with foreign_keys = ON).
import { PostgresAdapter, type Kysely } from 'kysely';
import type { BodyClearBatch, RetentionRepository } from '../../../core/ports/retention.js';
import type { Database } from '../schema.js';

/** Messages still owned by the send queue: their body is what will be sent. */
const IN_FLIGHT = ['queued', 'sending'];

export class KyselyRetentionRepository implements RetentionRepository {
  // PostgreSQL, cluster mode: every node prunes. SKIP LOCKED gives concurrent pruners disjoint
  // batches, so two nodes neither wait for each other nor deadlock on the cascaded rows.
  private readonly skipLocked: boolean;

  constructor(private readonly db: Kysely<Database>) {
    this.skipLocked = db.getExecutor().adapter instanceof PostgresAdapter;
  }

  async pruneEvents(beforeId: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('events')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('events as e')
          .select('e.id')
          .where('e.id', '<', beforeId)
          // Not yet dispatched: a pending delivery still needs the event's payload.
          .where(({ not, exists, selectFrom }) =>
            not(
              exists(
                selectFrom('webhook_deliveries as d')
                  .select('d.id')
                  .whereRef('d.event_id', '=', 'e.id')
                  .where('d.status', '=', 'pending'),
              ),
            ),
          )
          .orderBy('e.id')
          .limit(limit)
          .$if(this.skipLocked, (q) => q.forUpdate().skipLocked()),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async pruneWebhookDeliveries(beforeId: string, limit: number): Promise<number> {
    const result = await this.db
      .deleteFrom('webhook_deliveries')
      .where('id', 'in', (eb) =>
        eb
          .selectFrom('webhook_deliveries as d')
          .select('d.id')
          .where('d.id', '<', beforeId)
          .where('d.status', '!=', 'pending')
          .orderBy('d.id')
          .limit(limit)
          .$if(this.skipLocked, (q) => q.forUpdate().skipLocked()),
      )
      .executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  async clearMessageBodies(afterId: string | null, beforeId: string, limit: number): Promise<BodyClearBatch> {
    // The window: the next `limit` rows of the primary key, whatever their state, so the caller's
    // cursor moves past rows cleared earlier instead of walking them again every batch.
    let window = this.db.selectFrom('messages').select('id').where('id', '<', beforeId).orderBy('id').limit(limit);
    if (afterId !== null) window = window.where('id', '>', afterId);
    const ids = (await window.execute()).map((r) => r.id);
    const last = ids[ids.length - 1];
    if (last === undefined) return { scanned: 0, cleared: 0, last: null };
    const first = afterId ?? '';
    const clear = async (trx: Kysely<Database>): Promise<number> => {
      const result = await trx
        .updateTable('messages')
        .set({ text: null, content: null, raw: null })
        .where('id', '>', first)
        .where('id', '<=', last)
        .where('status', 'not in', IN_FLIGHT)
        .where((eb) => eb.or([eb('text', 'is not', null), eb('content', 'is not', null), eb('raw', 'is not', null)]))
        .executeTakeFirst();
      // An edit's history entry holds the old and new text: part of the body.
      await trx
        .updateTable('message_events')
        .set({ detail: null })
        .where('status', '=', 'edited')
        .where('detail', 'is not', null)
        .where('message_id', 'in', (eb) =>
          eb
            .selectFrom('messages')
            .select('id')
            .where('id', '>', first)
            .where('id', '<=', last)
            .where('status', 'not in', IN_FLIGHT),
        )
        .execute();
      return Number(result.numUpdatedRows);
    };
    // Body and edit history together; inside a caller's transaction, as part of it.
    const cleared = this.db.isTransaction ? await clear(this.db) : await this.db.transaction().execute(clear);
    return { scanned: ids.length, cleared, last };
  }
}

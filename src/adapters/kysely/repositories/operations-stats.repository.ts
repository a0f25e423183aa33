// Operator figures for /metrics. Each query walks an index, not the whole table: the queue depth
// goes session by session through messages_queue_idx (session_id, status, id), and pending
// deliveries through webhook_deliveries_due_idx (status, next_attempt_at).
import type { Kysely } from 'kysely';
import type { OperationsStatsRepository } from '../../../core/ports/operations-stats.js';
import type { Database } from '../schema.js';

export class KyselyOperationsStatsRepository implements OperationsStatsRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async sessionsByStatus(): Promise<Record<string, number>> {
    const rows = await this.db
      .selectFrom('sessions')
      .select(['status', (eb) => eb.fn.countAll().as('n')])
      .where('status', '!=', 'deleted')
      .groupBy('status')
      .execute();
    return Object.fromEntries(rows.map((r) => [r.status, Number(r.n)]));
  }

  async sendQueueDepth(): Promise<number> {
    const row = await this.db
      .selectFrom('sessions')
      .innerJoin('messages', (join) =>
        join.onRef('messages.session_id', '=', 'sessions.id').on('messages.status', 'in', ['queued', 'sending']),
      )
      .select((eb) => eb.fn.countAll().as('n'))
      .where('sessions.status', '!=', 'deleted')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }

  async pendingWebhookDeliveries(): Promise<number> {
    const row = await this.db
      .selectFrom('webhook_deliveries')
      .select((eb) => eb.fn.countAll().as('n'))
      .where('status', '=', 'pending')
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  }
}

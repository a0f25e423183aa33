// Reads of the outbox, in id (= time) order: stream resume, the live hub's feed, replays.
import type { Kysely } from 'kysely';
import { eventIdAt, type DomainEvent, type EventLog, type EventScope } from '../../../core/events/index.js';
import type { WebhookTables } from '../webhook-schema.js';
import { toEvent } from '../webhook-rows.js';

export class KyselyEventLog implements EventLog {
  constructor(private readonly db: Kysely<WebhookTables>) {}

  async get(accountId: string, eventId: string): Promise<DomainEvent | null> {
    const row = await this.db
      .selectFrom('events')
      .selectAll()
      .where('id', '=', eventId)
      .where('account_id', '=', accountId)
      .executeTakeFirst();
    return row ? toEvent(row) : null;
  }

  async listAfter(scope: EventScope, afterId: string | null, limit: number): Promise<DomainEvent[]> {
    let q = this.scoped(scope);
    if (afterId) q = q.where('id', '>', afterId);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map(toEvent);
  }

  async listAllAfter(afterId: string | null, limit: number): Promise<DomainEvent[]> {
    let q = this.db.selectFrom('events').selectAll();
    if (afterId) q = q.where('id', '>', afterId);
    const rows = await q.orderBy('id').limit(limit).execute();
    return rows.map(toEvent);
  }

  async listRange(scope: EventScope, from: Date, to: Date, limit: number): Promise<DomainEvent[]> {
    // Event ids are UUIDv7: their first 48 bits are the creation time, so a time range is an id
    // range and uses the (account_id, id) index.
    const rows = await this.scoped(scope)
      .where('id', '>=', eventIdAt(from.getTime()))
      .where('id', '<', eventIdAt(to.getTime()))
      .orderBy('id')
      .limit(limit)
      .execute();
    return rows.map(toEvent);
  }

  private scoped(scope: EventScope) {
    const q = this.db.selectFrom('events').selectAll().where('account_id', '=', scope.accountId);
    return scope.sessionId ? q.where('session_id', '=', scope.sessionId) : q;
  }
}

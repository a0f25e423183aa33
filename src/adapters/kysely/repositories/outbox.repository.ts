// The outbox, bound to one Kysely handle (normally the caller's transaction): inserts the event and
// one pending delivery per matching enabled subscription, so "the event happened" and "it will be
// delivered" commit together.
import type { Kysely } from 'kysely';
import { newId } from '../../../lib/ids.js';
import {
  type AppendOptions,
  type DomainEvent,
  type NewEvent,
  type OutboxRepository,
} from '../../../core/events/index.js';
import type { WebhookDeliveriesTable, WebhookTables } from '../webhook-schema.js';
import { subscriptionWants } from '../../../core/webhooks/subscription-match.js';
import { filterOf } from '../webhook-rows.js';

export class KyselyOutboxRepository implements OutboxRepository {
  constructor(private readonly db: Kysely<WebhookTables>) {}

  async append(event: NewEvent, options: AppendOptions = {}): Promise<DomainEvent> {
    const stored: DomainEvent = { ...event, id: newId('evt'), created_at: new Date().toISOString() };
    await this.db
      .insertInto('events')
      .values({
        id: stored.id,
        account_id: stored.account_id,
        session_id: stored.session_id,
        type: stored.type,
        payload: JSON.stringify(stored.payload),
        created_at: stored.created_at,
      })
      .execute();

    // Candidates: the account's enabled subscriptions; the core's rule picks the ones that get it.
    let q = this.db
      .selectFrom('webhook_subscriptions')
      .select(['id', 'session_id', 'events'])
      .where('account_id', '=', event.account_id)
      .where('enabled', '=', 1);
    if (options.onlySubscriptionId) q = q.where('id', '=', options.onlySubscriptionId);
    const subs = await q.execute();

    const rows: WebhookDeliveriesTable[] = subs
      .filter((s) => subscriptionWants(filterOf(s), stored, Boolean(options.onlySubscriptionId)))
      .map((s) => newDeliveryRow(s.id, stored, stored.created_at, false));
    if (rows.length > 0) await this.db.insertInto('webhook_deliveries').values(rows).execute();
    return stored;
  }
}

export function newDeliveryRow(
  subscriptionId: string,
  event: DomainEvent,
  now: string,
  replay: boolean,
): WebhookDeliveriesTable {
  return {
    id: newId('dlv'),
    subscription_id: subscriptionId,
    account_id: event.account_id,
    event_id: event.id,
    event_type: event.type,
    lane: event.session_id ?? '',
    status: 'pending',
    attempts: 0,
    next_attempt_at: now,
    lease_until: null,
    last_status_code: null,
    last_error: null,
    replay: replay ? 1 : 0,
    created_at: now,
    delivered_at: null,
  };
}

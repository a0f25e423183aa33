// Row ↔ core translation for the outbox and webhook tables.
import type { Selectable } from 'kysely';
import type { Sealer } from '../../lib/seal.js';
import type { DomainEvent, EventType } from '../../core/events/index.js';
import type {
  DeliveryStatus,
  WebhookAttempt,
  WebhookDelivery,
  WebhookSubscription,
} from '../../core/webhooks/webhook.types.js';
import type {
  EventsTable,
  WebhookAttemptsTable,
  WebhookDeliveriesTable,
  WebhookSubscriptionsTable,
} from './webhook-schema.js';
import type { SubscriptionFilter } from '../../core/webhooks/subscription-match.js';

export function toEvent(row: Selectable<EventsTable>): DomainEvent {
  return {
    id: row.id,
    type: row.type as EventType,
    account_id: row.account_id,
    session_id: row.session_id,
    created_at: row.created_at,
    payload: JSON.parse(row.payload) as DomainEvent['payload'],
  };
}

export function toSubscription(row: Selectable<WebhookSubscriptionsTable>, sealer: Sealer): WebhookSubscription {
  return {
    id: row.id,
    account_id: row.account_id,
    session_id: row.session_id,
    url: row.url,
    secret: sealer.open(row.secret),
    events: JSON.parse(row.events) as string[],
    enabled: Number(row.enabled) === 1,
    format: row.format,
    description: row.description,
    created_at: row.created_at,
    updated_at: row.updated_at,
  };
}

export function fromSubscription(sub: WebhookSubscription, sealer: Sealer): WebhookSubscriptionsTable {
  return {
    id: sub.id,
    account_id: sub.account_id,
    session_id: sub.session_id,
    url: sub.url,
    secret: sealer.seal(sub.secret),
    events: JSON.stringify(sub.events),
    enabled: sub.enabled ? 1 : 0,
    format: sub.format,
    description: sub.description,
    created_at: sub.created_at,
    updated_at: sub.updated_at,
  };
}

export function toDelivery(row: Selectable<WebhookDeliveriesTable>): WebhookDelivery {
  return {
    id: row.id,
    subscription_id: row.subscription_id,
    event_id: row.event_id,
    event_type: row.event_type,
    session_id: row.lane === '' ? null : row.lane,
    status: row.status as DeliveryStatus,
    attempts: Number(row.attempts),
    next_attempt_at: row.status === 'pending' ? row.next_attempt_at : null,
    last_status_code: row.last_status_code === null ? null : Number(row.last_status_code),
    last_error: row.last_error,
    replay: Number(row.replay) === 1,
    created_at: row.created_at,
    delivered_at: row.delivered_at,
  };
}

export function toAttempt(row: Selectable<WebhookAttemptsTable>): WebhookAttempt {
  return {
    id: row.id,
    delivery_id: row.delivery_id,
    attempted_at: row.attempted_at,
    status_code: row.status_code === null ? null : Number(row.status_code),
    latency_ms: Number(row.latency_ms),
    error: row.error,
    response_snippet: row.response_snippet,
  };
}

/** A subscription row's matching fields in the core's terms (src/core/webhooks/subscription-match.ts). */
export function filterOf(row: { session_id: string | null; events: string }): SubscriptionFilter {
  return { sessionId: row.session_id, events: JSON.parse(row.events) as string[] };
}

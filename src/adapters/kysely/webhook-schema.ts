// Table types of the outbox/webhooks migration (0003). Timestamps are ISO-8601 UTC text and JSON
// columns are text, as in schema.ts, so the same queries run on SQLite and PostgreSQL.

export interface EventsTable {
  /** `evt_<uuidv7 hex>`: time-ordered, so `id` order is the outbox order. */
  id: string;
  account_id: string;
  session_id: string | null;
  type: string;
  /** JSON text. */
  payload: string;
  created_at: string;
}

export interface WebhookSubscriptionsTable {
  id: string;
  account_id: string;
  session_id: string | null;
  url: string;
  /** Sealed with the master key when one is set. */
  secret: string;
  /** JSON text: string[] of event patterns. */
  events: string;
  /** 1/0 on both dialects (an integer column), so no boolean quirks between drivers. */
  enabled: number;
  format: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

export interface WebhookDeliveriesTable {
  /** `dlv_<uuidv7 hex>`: creation order = delivery order within a (subscription, session) lane. */
  id: string;
  subscription_id: string;
  account_id: string;
  event_id: string;
  event_type: string;
  /** The event's session id, or '' for account-level events: the ordering lane with subscription_id. */
  lane: string;
  status: string;
  attempts: number;
  next_attempt_at: string;
  lease_until: string | null;
  last_status_code: number | null;
  last_error: string | null;
  replay: number;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttemptsTable {
  id: string;
  delivery_id: string;
  attempted_at: string;
  status_code: number | null;
  latency_ms: number;
  error: string | null;
  response_snippet: string | null;
}

export interface WebhookTables {
  events: EventsTable;
  webhook_subscriptions: WebhookSubscriptionsTable;
  webhook_deliveries: WebhookDeliveriesTable;
  webhook_attempts: WebhookAttemptsTable;
}

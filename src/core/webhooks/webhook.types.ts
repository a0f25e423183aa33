// Webhook subscriptions, deliveries and attempts as the core sees them.

export interface WebhookSubscription {
  /** `whk_…` */
  id: string;
  account_id: string;
  /** Only this session's events (null = every session of the account, plus account-level events). */
  session_id: string | null;
  url: string;
  /** Signing secret. Shown to the client only when created (or replaced). */
  secret: string;
  /** Event patterns (`*`, `messages.*`, `session.status`); empty = every event. */
  events: string[];
  enabled: boolean;
  /** Name of the formatter that shapes and signs the request (`standard` for /v1). */
  format: string;
  description: string | null;
  created_at: string;
  updated_at: string;
}

/** pending: waiting for its turn or a retry; delivered: a 2xx was received; dead: gave up. */
export type DeliveryStatus = 'pending' | 'delivered' | 'dead';

export interface WebhookDelivery {
  /** `dlv_…` */
  id: string;
  subscription_id: string;
  event_id: string;
  event_type: string;
  session_id: string | null;
  status: DeliveryStatus;
  attempts: number;
  next_attempt_at: string | null;
  last_status_code: number | null;
  last_error: string | null;
  /** True when the delivery was created by a replay request. */
  replay: boolean;
  created_at: string;
  delivered_at: string | null;
}

export interface WebhookAttempt {
  /** `att_…` */
  id: string;
  delivery_id: string;
  attempted_at: string;
  /** HTTP status, or null when no answer came (refused, timeout, DNS, SSRF guard). */
  status_code: number | null;
  latency_ms: number;
  /** Transport error or the reason it did not count as delivered. */
  error: string | null;
  /** The first bytes of the receiver's answer. */
  response_snippet: string | null;
}

export interface DeliveryWithAttempts extends WebhookDelivery {
  attempts_log: WebhookAttempt[];
}

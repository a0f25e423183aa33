// The one JSON form of an event on /v1: the body of a `standard` webhook, an SSE/WebSocket stream
// message and GET /v1/events all carry exactly this, so a receiver parses one shape wherever the
// event came from. `type`, `timestamp` and `data` are the Standard Webhooks payload fields.
import type { DomainEvent } from './event.types.js';

export interface EventJson {
  id: string;
  type: DomainEvent['type'];
  /** When the event happened (the outbox time), ISO 8601. */
  timestamp: string;
  account_id: string;
  session_id: string | null;
  data: Record<string, unknown>;
}

export function toEventJson(event: DomainEvent): EventJson {
  return {
    id: event.id,
    type: event.type,
    timestamp: event.created_at,
    account_id: event.account_id,
    session_id: event.session_id,
    data: event.payload as unknown as Record<string, unknown>,
  };
}

// WasenderApi's webhook dialect (API-CATALOG.md §4.7): `{event, timestamp, data}` (or, for the
// session/status events, `{event, sessionId, data, timestamp(ms)}`), the vendor's event name and
// payload shape, and the session's webhook secret itself in X-Webhook-Signature (no HMAC). A
// plug-in the dispatcher is given (src/app/webhooks.ts), like the /v1 one.
import type { DomainEvent, EventPayloads } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { WASENDER_EVENT_NAMES, wasenderEventName } from './event-names.js';
import { hookMeta } from './session-webhook.js';
import { wasenderData } from './webhook-payloads.js';

const MS_TIMESTAMP_EVENTS = new Set([
  'session.status',
  'qrcode.updated',
  'messages.update',
  'message-receipt.update',
  'poll.results',
]);

/** Names that apply to this event only under a condition (the chat it came from). */
const CHAT_NAMES: Record<string, string> = {
  'messages-personal.received': 'personal',
  'messages-group.received': 'group',
  'messages-newsletter.received': 'newsletter',
};

/** The vendor name to deliver `event` under: the first of its names the session subscribed to that applies. */
export function deliveredName(event: DomainEvent, subscribed: readonly string[]): string {
  if (event.type === 'messages.failed') return 'message.sent';
  const chatType =
    event.type === 'messages.received' ? (event.payload as EventPayloads['messages.received']).message.chat_type : null;
  const applies = (name: string) => CHAT_NAMES[name] === undefined || CHAT_NAMES[name] === chatType;
  const names = (WASENDER_EVENT_NAMES[event.type] ?? []).filter(applies);
  return names.find((n) => subscribed.includes(n)) ?? wasenderEventName(event.type);
}

export class WasenderFormatter implements WebhookFormatter {
  readonly name = 'wasender';

  format(event: DomainEvent, subscription: WebhookSubscription): FormattedRequest {
    const meta = hookMeta(subscription);
    const name = deliveredName(event, meta?.events ?? []);
    const created = Date.parse(event.created_at);
    const data = wasenderData(event, name);
    // The vendor's sessionId is the session's api_key, which wagate does not keep: the integer id instead.
    const sessionId = meta ? String(meta.session) : event.session_id;
    const body = MS_TIMESTAMP_EVENTS.has(name)
      ? { event: name, sessionId, data, timestamp: created }
      : { event: name, timestamp: Math.floor(created / 1000), data };
    return { body: JSON.stringify(body), headers: { ...JSON_HEADERS, 'x-webhook-signature': subscription.secret } };
  }
}

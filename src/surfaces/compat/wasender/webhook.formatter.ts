// WasenderApi's webhook dialect (CANONICAL.md §5.5): its envelope and authentication header around
// our payload. A plug-in the dispatcher is given (src/app/webhooks.ts), like the /v1 one.
import type { DomainEvent } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { wasenderEventName } from './event-names.js';

const MS_TIMESTAMP_EVENTS = new Set([
  'session.status',
  'qrcode.updated',
  'messages.update',
  'message-receipt.update',
  'poll.results',
]);

/** WasenderApi: `{event, timestamp, data}`; the secret itself in X-Webhook-Signature (no HMAC). */
export class WasenderFormatter implements WebhookFormatter {
  readonly name = 'wasender';

  format(event: DomainEvent, subscription: WebhookSubscription): FormattedRequest {
    const name = wasenderEventName(event.type);
    const created = Date.parse(event.created_at);
    const body = MS_TIMESTAMP_EVENTS.has(name)
      ? { event: name, sessionId: event.session_id, data: event.payload, timestamp: created }
      : { event: name, timestamp: Math.floor(created / 1000), data: event.payload };
    return { body: JSON.stringify(body), headers: { ...JSON_HEADERS, 'x-webhook-signature': subscription.secret } };
  }
}

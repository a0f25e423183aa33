// Formatters for the seed systems' webhook dialects (CANONICAL.md §5.5). They set each seed's
// envelope and authentication header around our payload; the compatibility surfaces may refine
// the payload projections (Baileys-shaped keys, whatsapp-web.js objects) later.
import { createHmac } from 'node:crypto';
import { EVENT_CATALOG, type DomainEvent } from '../../events/index.js';
import type { WebhookSubscription } from '../webhook.types.js';
import { JSON_HEADERS, type FormattedRequest, type WebhookFormatter } from './formatter.js';

const MS_TIMESTAMP_EVENTS = new Set(['session.status', 'qrcode.updated', 'messages.update', 'message-receipt.update', 'poll.results']);

/** The seed's name for one of our events (its first alias), or ours when it has none. */
function seedName(event: DomainEvent, surface: 'wasender' | 'wwebjs'): string {
  return EVENT_CATALOG.find((e) => e.type === event.type)?.[surface][0] ?? event.type;
}

/** WasenderApi: `{event, timestamp, data}`; the secret itself in X-Webhook-Signature (no HMAC). */
export class WasenderFormatter implements WebhookFormatter {
  readonly name = 'wasender';

  format(event: DomainEvent, subscription: WebhookSubscription): FormattedRequest {
    const name = seedName(event, 'wasender');
    const created = Date.parse(event.created_at);
    const body = MS_TIMESTAMP_EVENTS.has(name)
      ? { event: name, sessionId: event.session_id, data: event.payload, timestamp: created }
      : { event: name, timestamp: Math.floor(created / 1000), data: event.payload };
    return { body: JSON.stringify(body), headers: { ...JSON_HEADERS, 'x-webhook-signature': subscription.secret } };
  }
}

/** Wapio: both envelopes' fields, `X-Webhook-Event`, and `X-Webhook-Signature: t=…,v1=<hex HMAC(secret, "t.body")>`. */
export class WapioFormatter implements WebhookFormatter {
  readonly name = 'wapio';

  format(event: DomainEvent, subscription: WebhookSubscription, attemptAt: Date): FormattedRequest {
    const name = seedName(event, 'wasender');
    const body = JSON.stringify({
      event: name,
      event_type: name,
      event_id: event.id,
      account_id: event.account_id,
      session_id: event.session_id,
      emitted_at: event.created_at,
      payload: event.payload,
      data: event.payload,
    });
    const t = Math.floor(attemptAt.getTime() / 1000);
    const v1 = createHmac('sha256', subscription.secret).update(`${t}.${body}`).digest('hex');
    return {
      body,
      headers: { ...JSON_HEADERS, 'x-webhook-event': name, 'x-webhook-id': event.id, 'x-webhook-signature': `t=${t},v1=${v1}` },
    };
  }
}

/** whatsapp-web.js API: `{dataType, data, sessionId}` with the API key in x-api-key. */
export class WwebjsFormatter implements WebhookFormatter {
  readonly name = 'wwebjs';

  format(event: DomainEvent, subscription: WebhookSubscription): FormattedRequest {
    const body = JSON.stringify({ dataType: seedName(event, 'wwebjs'), data: event.payload, sessionId: event.session_id });
    return { body, headers: { ...JSON_HEADERS, 'x-api-key': subscription.secret } };
  }
}

// WabSync's webhook dialect (designed: the seed names webhooks but shows none; CANONICAL §5.5):
// `{event, event_id, session_id, timestamp, data}` where ids are UUIDs like everywhere in WabSync,
// signed as `X-WabSync-Signature: t=<unix s>,v1=<hex HMAC-SHA256(secret, "<t>.<body>")>`.
import { createHmac } from 'node:crypto';
import type { DomainEvent } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { wabsyncEventName } from './event-names.js';
import { isWagateId, toUuid } from './ids.js';

/** The payload with wagate ids shown as UUIDs and without the raw protocol message. */
function wabsyncData(value: unknown): unknown {
  if (typeof value === 'string') return isWagateId(value) ? toUuid(value) : value;
  if (Array.isArray(value)) return value.map(wabsyncData);
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (k !== 'raw') out[k] = wabsyncData(v);
  return out;
}

export function wabsyncSignature(secret: string, t: number, body: string): string {
  return `t=${t},v1=${createHmac('sha256', secret).update(`${t}.${body}`).digest('hex')}`;
}

export class WabSyncFormatter implements WebhookFormatter {
  readonly name = 'wabsync';

  format(event: DomainEvent, subscription: WebhookSubscription, attemptAt: Date): FormattedRequest {
    const name = wabsyncEventName(event.type);
    const body = JSON.stringify({
      event: name,
      event_id: toUuid(event.id),
      session_id: event.session_id ? toUuid(event.session_id) : null,
      timestamp: Math.floor(Date.parse(event.created_at) / 1000),
      data: wabsyncData(event.payload),
    });
    const t = Math.floor(attemptAt.getTime() / 1000);
    return {
      body,
      headers: {
        ...JSON_HEADERS,
        'x-wabsync-event': name,
        'x-wabsync-delivery': toUuid(event.id),
        'x-wabsync-signature': wabsyncSignature(subscription.secret, t, body),
      },
    };
  }
}

// Wapio's webhook dialect (CANONICAL.md §5.5): WasenderApi's event names, both envelopes' fields,
// and an HMAC signature with a timestamp.
import { createHmac } from 'node:crypto';
import type { DomainEvent } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { deliveredName, namesOfDescription } from './webhook-names.js';

/** Wapio: the envelope fields its SDK versions and n8n node read, `X-Webhook-Event`, and `X-Webhook-Signature: t=…,v1=<hex HMAC(secret, "t.body")>`. */
export class WapioFormatter implements WebhookFormatter {
  readonly name = 'wapio';

  format(event: DomainEvent, subscription: WebhookSubscription, attemptAt: Date): FormattedRequest {
    const name = deliveredName(event, namesOfDescription(subscription.description));
    // `type` is what the PHP SDK's WapioWebhookReceived::type() reads first, `event` the n8n node,
    // `event_type` the SDK's earlier envelope: all three carry the dotted name.
    const body = JSON.stringify({
      type: name,
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
      headers: {
        ...JSON_HEADERS,
        'x-webhook-event': name,
        'x-webhook-id': event.id,
        'x-webhook-signature': `t=${t},v1=${v1}`,
      },
    };
  }
}

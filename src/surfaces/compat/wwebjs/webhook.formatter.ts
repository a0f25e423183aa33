// The whatsapp-web.js API's webhook dialect (CANONICAL.md §5.5).
import type { DomainEvent } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { wwebjsEventName } from './event-names.js';

/** whatsapp-web.js API: `{dataType, data, sessionId}` with the API key in x-api-key. */
export class WwebjsFormatter implements WebhookFormatter {
  readonly name = 'wwebjs';

  format(event: DomainEvent, subscription: WebhookSubscription): FormattedRequest {
    const body = JSON.stringify({
      dataType: wwebjsEventName(event.type),
      data: event.payload,
      sessionId: event.session_id,
    });
    return { body, headers: { ...JSON_HEADERS, 'x-api-key': subscription.secret } };
  }
}

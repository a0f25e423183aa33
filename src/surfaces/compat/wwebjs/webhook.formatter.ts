// The whatsapp-web.js API's callback dialect (API-CATALOG.md §6.10): `{dataType, data, sessionId}`
// with the callback's own secret in x-api-key (never an API token). `sessionId` is the session's
// name, the id a whatsapp-web.js client chose (wagate's id when it has none).
import type { DomainEvent } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { callbackOf } from './callback-data.js';

/** The name of an account's session, or null (deleted, or none given). */
export type SessionNameLookup = (accountId: string, sessionId: string) => Promise<string | null>;

export class WwebjsFormatter implements WebhookFormatter {
  readonly name = 'wwebjs';

  constructor(private readonly sessionName: SessionNameLookup = async () => null) {}

  async format(event: DomainEvent, subscription: WebhookSubscription): Promise<FormattedRequest> {
    const { dataType, data } = callbackOf(event);
    const sessionId = event.session_id
      ? ((await this.sessionName(event.account_id, event.session_id).catch(() => null)) ?? event.session_id)
      : null;
    const body = JSON.stringify({ dataType, ...(data === undefined ? {} : { data }), sessionId });
    return { body, headers: { ...JSON_HEADERS, 'x-api-key': subscription.secret } };
  }
}

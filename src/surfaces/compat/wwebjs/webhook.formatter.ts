// The whatsapp-web.js API's callback dialect (API-CATALOG.md §6.10): `{dataType, data, sessionId}`
// with the callback's own secret in x-api-key (never an API token). `sessionId` is the session's
// name, the id a whatsapp-web.js client chose (wagate's id when it has none).
import type { DomainEvent, EventPayloads } from '../../../core/events/index.js';
import {
  JSON_HEADERS,
  type FormattedRequest,
  type WebhookFormatter,
} from '../../../core/webhooks/formatters/formatter.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { callbackOf } from './callback-data.js';

/** The name of an account's session, or null (deleted, or none given). */
export type SessionNameLookup = (accountId: string, sessionId: string) => Promise<string | null>;

/** An account's stored media as bytes when at most `maxBytes`, else null. */
export type MediaBytesLookup = (accountId: string, mediaId: string, maxBytes: number) => Promise<Buffer | null>;

/** The original's MAX_ATTACHMENT_SIZE default: larger media go without `data`. */
export const MAX_ATTACHMENT_SIZE = 10_000_000;

export class WwebjsFormatter implements WebhookFormatter {
  readonly name = 'wwebjs';

  /** Read at each call: the app may provide the media lookup after building the formatters. */
  constructor(private readonly deps: { sessionName?: SessionNameLookup; mediaBytes?: MediaBytesLookup } = {}) {}

  async format(event: DomainEvent, subscription: WebhookSubscription): Promise<FormattedRequest> {
    const { dataType, data } = callbackOf(event);
    if (event.type === 'messages.media' && data?.messageMedia) {
      const p = event.payload as EventPayloads['messages.media'];
      const bytes = p.media_id
        ? await this.deps.mediaBytes?.(event.account_id, p.media_id, MAX_ATTACHMENT_SIZE).catch(() => null)
        : null;
      (data.messageMedia as Record<string, unknown>).data = bytes ? bytes.toString('base64') : null;
    }
    const named = event.session_id
      ? await this.deps.sessionName?.(event.account_id, event.session_id).catch(() => null)
      : null;
    const sessionId = named ?? event.session_id;
    const body = JSON.stringify({ dataType, ...(data === undefined ? {} : { data }), sessionId });
    return { body, headers: { ...JSON_HEADERS, 'x-api-key': subscription.secret } };
  }
}

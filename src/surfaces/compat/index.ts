// The compatibility surfaces' plug-ins the app wires in. Today: their webhook formatters (each
// surface's envelope, event names and signature); their HTTP routes join here.
import type { WebhookFormatter } from '../../core/webhooks/formatters/formatter.js';
import { WabSyncFormatter } from './wabsync/webhook.formatter.js';
import { WapioFormatter } from './wapio/webhook.formatter.js';
import { WasenderFormatter } from './wasender/webhook.formatter.js';
import { type MediaBytesLookup, type SessionNameLookup, WwebjsFormatter } from './wwebjs/webhook.formatter.js';

/** What the formatters may look up: a session's name (the whatsapp-web.js callbacks' sessionId). */
export interface CompatFormatterDeps {
  sessionName?: SessionNameLookup;
  /** Stored media bytes up to a size (the wwebjs `media` callback inlines them); may be set later. */
  mediaBytes?: MediaBytesLookup;
}

export function compatWebhookFormatters(deps: CompatFormatterDeps = {}): WebhookFormatter[] {
  return [new WasenderFormatter(), new WapioFormatter(), new WwebjsFormatter(deps), new WabSyncFormatter()];
}

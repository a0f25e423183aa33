// The compatibility surfaces' plug-ins the app wires in. Today: their webhook formatters (each
// surface's envelope, event names and signature); their HTTP routes join here.
import type { WebhookFormatter } from '../../core/webhooks/formatters/formatter.js';
import { WabSyncFormatter } from './wabsync/webhook.formatter.js';
import { WapioFormatter } from './wapio/webhook.formatter.js';
import { WasenderFormatter } from './wasender/webhook.formatter.js';
import { WwebjsFormatter } from './wwebjs/webhook.formatter.js';

export function compatWebhookFormatters(): WebhookFormatter[] {
  return [new WasenderFormatter(), new WapioFormatter(), new WwebjsFormatter(), new WabSyncFormatter()];
}

export { UndiciWebhookSender, type UndiciSenderOptions } from './undici-sender.js';

import type { WebhookSender } from '../../core/webhooks/webhook.ports.js';
import { UndiciWebhookSender, type UndiciSenderOptions } from './undici-sender.js';

export function createWebhookSender(options: UndiciSenderOptions): WebhookSender {
  return new UndiciWebhookSender(options);
}

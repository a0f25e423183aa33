import { FormatterRegistry, type WebhookFormatter } from './formatter.js';
import { StandardWebhookFormatter } from './standard.formatter.js';

export * from './formatter.js';
export * from './standard.formatter.js';

/** The /v1 formatter (Standard Webhooks) plus any the surfaces plug in (src/surfaces/compat). */
export function createFormatters(extra: readonly WebhookFormatter[] = []): FormatterRegistry {
  return new FormatterRegistry([new StandardWebhookFormatter(), ...extra]);
}

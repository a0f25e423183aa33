import { FormatterRegistry } from './formatter.js';
import { WapioFormatter, WasenderFormatter, WwebjsFormatter } from './seed.formatters.js';
import { StandardWebhookFormatter } from './standard.formatter.js';

export * from './formatter.js';
export * from './standard.formatter.js';
export * from './seed.formatters.js';

/** The built-in formatters: standard (/v1) plus the three seed dialects. */
export function defaultFormatters(): FormatterRegistry {
  return new FormatterRegistry([new StandardWebhookFormatter(), new WasenderFormatter(), new WapioFormatter(), new WwebjsFormatter()]);
}

// The formatter/signer plug-in point. A subscription names a formatter; the formatter turns an
// event into the request body and headers (including its signature scheme). /v1 uses Standard
// Webhooks; each compatibility surface adds its own formatter and nothing else.
import type { DomainEvent } from '../../events/index.js';
import type { WebhookSubscription } from '../webhook.types.js';

export interface FormattedRequest {
  body: string;
  headers: Record<string, string>;
}

export interface WebhookFormatter {
  /** The value stored in a subscription's `format`. */
  readonly name: string;
  /**
   * Shapes and signs one attempt. `attemptAt` is the send time (signatures that carry a time
   * must be fresh on every retry); the event id stays the delivery identity across attempts. A
   * formatter that must look something up (a surface's own session name) answers a promise.
   */
  format(
    event: DomainEvent,
    subscription: WebhookSubscription,
    attemptAt: Date,
  ): FormattedRequest | Promise<FormattedRequest>;
}

export class FormatterRegistry {
  private readonly byName = new Map<string, WebhookFormatter>();

  constructor(formatters: readonly WebhookFormatter[]) {
    for (const f of formatters) this.register(f);
  }

  register(formatter: WebhookFormatter): void {
    this.byName.set(formatter.name, formatter);
  }

  get(name: string): WebhookFormatter | undefined {
    return this.byName.get(name);
  }

  names(): string[] {
    return [...this.byName.keys()];
  }
}

export const JSON_HEADERS = { 'content-type': 'application/json', 'user-agent': 'wagate-webhooks/1' } as const;

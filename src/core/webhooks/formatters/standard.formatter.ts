// Standard Webhooks (standardwebhooks.com): headers webhook-id (= event id, stable across retries
// and replays), webhook-timestamp (send time, seconds) and webhook-signature (v1, HMAC-SHA256 over
// "id.timestamp.body" with the base64 secret). Signed with the reference `standardwebhooks`
// package, so any Standard Webhooks library verifies it.
import { Webhook } from 'standardwebhooks';
import { toEventJson, type DomainEvent } from '../../events/index.js';
import type { WebhookSubscription } from '../webhook.types.js';
import { JSON_HEADERS, type FormattedRequest, type WebhookFormatter } from './formatter.js';

/** Secrets we generate look like `whsec_<base64>`; any other string is used as raw key bytes. */
export function isStandardSecret(secret: string): boolean {
  return /^whsec_[A-Za-z0-9+/]+={0,2}$/.test(secret);
}

/** Standard Webhooks body: the /v1 event JSON, the same a stream or GET /v1/events shows. */
export function standardBody(event: DomainEvent): string {
  return JSON.stringify(toEventJson(event));
}

export class StandardWebhookFormatter implements WebhookFormatter {
  readonly name = 'standard';
  // Decoding the secret is per subscription, not per request; keep a small cache.
  private readonly signers = new Map<string, Webhook>();

  format(event: DomainEvent, subscription: WebhookSubscription, attemptAt: Date): FormattedRequest {
    const body = standardBody(event);
    const signature = this.signer(subscription.secret).sign(event.id, attemptAt, body);
    return {
      body,
      headers: {
        ...JSON_HEADERS,
        'webhook-id': event.id,
        'webhook-timestamp': String(Math.floor(attemptAt.getTime() / 1000)),
        'webhook-signature': signature,
      },
    };
  }

  private signer(secret: string): Webhook {
    let s = this.signers.get(secret);
    if (!s) {
      s = isStandardSecret(secret) ? new Webhook(secret) : new Webhook(secret, { format: 'raw' });
      if (this.signers.size > 1000) this.signers.clear();
      this.signers.set(secret, s);
    }
    return s;
  }
}

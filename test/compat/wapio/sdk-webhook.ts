// Wapio's PHP SDK webhook verifier (wapioapi77-pixel/wapio-php @ 2346efc, src/Webhook.php and
// src/Laravel/Events/WapioWebhookReceived.php), ported line by line so the tests verify wagate's
// deliveries exactly as a Wapio client does (no PHP on the test machine). Keep it faithful: this is
// the client's behaviour, not ours.
import { createHmac, timingSafeEqual } from 'node:crypto';

export const DEFAULT_TOLERANCE_SECONDS = 300;

export class WebhookVerificationException extends Error {}

/** Webhook::computeSignature: hash_hmac('sha256', "<t>.<raw body>", secret), lowercase hex. */
export function computeSignature(secret: string, timestamp: number | string, rawBody: string): string {
  return createHmac('sha256', secret)
    .update(`${String(timestamp)}.${rawBody}`)
    .digest('hex');
}

/** Webhook::parseSignatureHeader: `t` must be all digits, `v1` non-empty; the last of each wins. */
export function parseSignatureHeader(header: string): { timestamp: number; signature: string } {
  let timestamp: number | null = null;
  let signature: string | null = null;
  for (const part of header.split(',')) {
    const trimmed = part.trim();
    const eq = trimmed.indexOf('=');
    const key = eq < 0 ? trimmed : trimmed.slice(0, eq);
    const value = eq < 0 ? null : trimmed.slice(eq + 1);
    if (key === 't' && value !== null && /^[0-9]+$/.test(value)) timestamp = Number.parseInt(value, 10);
    if (key === 'v1' && value !== null && value !== '') signature = value;
  }
  if (timestamp === null || signature === null)
    throw new WebhookVerificationException('Invalid Wapio webhook signature header.');
  return { timestamp, signature };
}

/** hash_equals: false on a length difference, else a constant-time comparison. */
function hashEquals(known: string, user: string): boolean {
  const a = Buffer.from(known);
  const b = Buffer.from(user);
  return a.length === b.length && timingSafeEqual(a, b);
}

/** Webhook::verifySignature: throws WebhookVerificationException, else true. */
export function verifySignature(
  secret: string,
  signatureHeader: string,
  rawBody: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
  now: number | null = null,
): true {
  const parsed = parseSignatureHeader(signatureHeader);
  const clock = now ?? Math.floor(Date.now() / 1000);
  if (toleranceSeconds > 0 && Math.abs(clock - parsed.timestamp) > toleranceSeconds)
    throw new WebhookVerificationException('Wapio webhook timestamp is outside the allowed tolerance.');
  if (!hashEquals(computeSignature(secret, parsed.timestamp, rawBody), parsed.signature))
    throw new WebhookVerificationException('Invalid Wapio webhook signature.');
  return true;
}

/** Webhook::constructEvent: verify, then json_decode the raw body. */
export function constructEvent(
  secret: string,
  signatureHeader: string,
  rawBody: string,
  toleranceSeconds = DEFAULT_TOLERANCE_SECONDS,
): Record<string, unknown> {
  verifySignature(secret, signatureHeader, rawBody, toleranceSeconds);
  return JSON.parse(rawBody) as Record<string, unknown>;
}

/** WapioWebhookReceived::type(): `type`, else `event`, when a string. */
export function eventType(event: Record<string, unknown>): string | null {
  const type = event['type'] ?? event['event'] ?? null;
  return typeof type === 'string' ? type : null;
}

// Exponential backoff with full jitter ("Exponential Backoff And Jitter", AWS architecture blog):
// attempt 0 waits up to `baseMs`, each later attempt doubles the cap until `maxMs`.
export interface BackoffOptions {
  baseMs: number;
  maxMs: number;
  /** A number in [0, 1); Math.random by default (tests pass a fixed one). */
  random?: () => number;
}

export function backoffDelay(attempt: number, { baseMs, maxMs, random = Math.random }: BackoffOptions): number {
  const cap = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  // Never 0: half the cap is fixed, the other half is jitter, so retries spread without hammering.
  return Math.round(cap / 2 + random() * (cap / 2));
}

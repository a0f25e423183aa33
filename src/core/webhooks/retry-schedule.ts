// When to try a failed delivery again: exponential backoff with jitter, capped per step, until the
// delivery is older than maxAgeMs; then it is dead-lettered. Defaults give ≈ 30 attempts over 24 h
// (5 s, 10 s, 20 s … then hourly).

export interface RetryPolicy {
  /** First retry delay. */
  baseDelayMs: number;
  /** Longest single delay. */
  maxDelayMs: number;
  /** Give up once the next attempt would be later than created_at + maxAgeMs. */
  maxAgeMs: number;
  /** ±fraction of random spread on each delay, so retries from many events do not stampede. */
  jitter: number;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  baseDelayMs: 5_000,
  maxDelayMs: 60 * 60_000,
  maxAgeMs: 24 * 60 * 60_000,
  jitter: 0.2,
};

/** Delay before the next attempt after `failures` failed attempts (1 = the first one failed). */
export function retryDelayMs(policy: RetryPolicy, failures: number, random: () => number = Math.random): number {
  const exp = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, Math.min(failures - 1, 40)));
  const spread = 1 + policy.jitter * (2 * random() - 1);
  return Math.max(0, Math.round(Math.min(policy.maxDelayMs, exp * spread)));
}

/** The next attempt time, or null when the delivery must be dead-lettered. */
export function nextAttemptAt(
  policy: RetryPolicy,
  createdAt: Date,
  now: Date,
  failures: number,
  random?: () => number,
): Date | null {
  const next = new Date(now.getTime() + retryDelayMs(policy, failures, random));
  return next.getTime() - createdAt.getTime() > policy.maxAgeMs ? null : next;
}

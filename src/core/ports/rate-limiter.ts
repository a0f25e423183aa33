/**
 * The rate-limiter port: fixed-window quotas by key. The memory adapter serves a single node; a
 * Redis adapter shares quotas between nodes in cluster mode.
 */
export interface QuotaResult {
  allowed: boolean;
  /** The quota of the window. */
  limit: number;
  /** What is left after this call (0 when refused). */
  remaining: number;
  /** When the window resets. */
  resetAt: Date;
  /** How long to wait before a retry can succeed (0 when allowed). */
  retryAfterMs: number;
}

export interface RateLimiter {
  /** Takes one point from `key`'s quota of `limit` per `windowMs`. */
  consume(key: string, limit: number, windowMs: number): Promise<QuotaResult>;
  /** Gives the point back (the operation it paid for did not happen). */
  refund(key: string, limit: number, windowMs: number): Promise<void>;
}

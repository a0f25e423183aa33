// The RateLimiter port in process memory, on rate-limiter-flexible (one limiter per quota shape).
// flexibleRateLimiter is shared with the Redis adapter (adapters/redis-limiter): only the store differs.
import { RateLimiterMemory, RateLimiterRes, type RateLimiterAbstract } from 'rate-limiter-flexible';
import type { QuotaResult, RateLimiter } from '../../core/ports/rate-limiter.js';

/** A RateLimiter over rate-limiter-flexible limiters made by `make` (points per window of `seconds`). */
export function flexibleRateLimiter(
  make: (points: number, seconds: number, shape: string) => RateLimiterAbstract,
): RateLimiter {
  const limiters = new Map<string, RateLimiterAbstract>();
  const limiter = (limit: number, windowMs: number): RateLimiterAbstract => {
    const shape = `${limit}/${windowMs}`;
    let l = limiters.get(shape);
    if (!l) {
      // rate-limiter-flexible counts windows in seconds.
      l = make(limit, Math.max(1, Math.ceil(windowMs / 1000)), shape);
      limiters.set(shape, l);
    }
    return l;
  };
  const toResult = (res: RateLimiterRes, limit: number, allowed: boolean): QuotaResult => ({
    allowed,
    limit,
    remaining: Math.max(0, res.remainingPoints),
    resetAt: new Date(Date.now() + res.msBeforeNext),
    retryAfterMs: allowed ? 0 : res.msBeforeNext,
  });
  return {
    async consume(key, limit, windowMs) {
      try {
        return toResult(await limiter(limit, windowMs).consume(key, 1), limit, true);
      } catch (rejected) {
        if (rejected instanceof RateLimiterRes) return toResult(rejected, limit, false);
        throw rejected;
      }
    },
    async refund(key, limit, windowMs) {
      await limiter(limit, windowMs).reward(key, 1);
    },
  };
}

export function createMemoryRateLimiter(): RateLimiter {
  return flexibleRateLimiter((points, duration) => new RateLimiterMemory({ points, duration }));
}

// The RateLimiter port in process memory, on rate-limiter-flexible (one limiter per quota shape).
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { QuotaResult, RateLimiter } from '../../core/ports/rate-limiter.js';

export function createMemoryRateLimiter(): RateLimiter {
  const limiters = new Map<string, RateLimiterMemory>();
  const limiter = (limit: number, windowMs: number): RateLimiterMemory => {
    const shape = `${limit}/${windowMs}`;
    let l = limiters.get(shape);
    if (!l) {
      // rate-limiter-flexible counts windows in seconds.
      l = new RateLimiterMemory({ points: limit, duration: Math.max(1, Math.ceil(windowMs / 1000)) });
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

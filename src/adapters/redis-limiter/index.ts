// The RateLimiter port on Redis (cluster mode): the same rate-limiter-flexible quotas as the memory
// adapter, but counted in Redis, so a session's per-minute and per-day limits hold across all nodes.
import type { Redis } from 'ioredis';
import { RateLimiterRedis } from 'rate-limiter-flexible';
import type { RateLimiter } from '../../core/ports/rate-limiter.js';
import { flexibleRateLimiter } from '../memory-limiter/index.js';

export function createRedisRateLimiter(options: { redis: Redis; prefix: string }): RateLimiter {
  // The quota shape is in the key prefix: two quotas of one key never share a counter.
  return flexibleRateLimiter(
    (points, duration, shape) =>
      new RateLimiterRedis({ storeClient: options.redis, keyPrefix: `${options.prefix}rl:${shape}`, points, duration }),
  );
}

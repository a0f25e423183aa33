// Cluster-mode parts for the container (WAGATE_MODE=cluster): one Redis connection, the Redis lease
// (tracked by a heartbeat that renews it), and the Redis rate limiter. Nothing here runs in single
// mode. Routing across nodes is not built yet (docs/cluster.md, "Status").
import { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { createRedisLease } from '../adapters/redis-lease/index.js';
import { LeaseHeartbeat } from '../adapters/redis-lease/heartbeat.js';
import { createRedisRateLimiter } from '../adapters/redis-limiter/index.js';
import type { Lease, SessionLease } from '../core/ports/session-lease.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import type { ClusterConfig } from './cluster-config.js';

export interface ClusterParts {
  lease: SessionLease;
  rateLimiter: RateLimiter;
  /** Starts renewing; `onLost` closes a session this node no longer holds. */
  start(onLost: (lease: Lease) => void): void;
  /** Hands this node's sessions over (releases its leases), then closes Redis. */
  close(): Promise<void>;
}

/** Redis keys of one cluster share this prefix (one cluster per Redis database). */
const PREFIX = 'wagate:';

export function createClusterParts(config: ClusterConfig, logger: PinoLogger): ClusterParts {
  if (!config.redisUrl) throw new Error('cluster mode needs WAGATE_REDIS_URL');
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => logger.warn({ err }, 'redis error'));
  const redisLease = createRedisLease({ redis, nodeId: config.nodeId, ttlMs: config.leaseTtlMs, prefix: PREFIX });
  let onLost: (lease: Lease) => void = () => {};
  const heartbeat = new LeaseHeartbeat({
    lease: redisLease,
    ttlMs: config.leaseTtlMs,
    onLost: (lease) => {
      logger.warn({ sessionId: lease.sessionId }, 'lease lost: closing the session on this node');
      onLost(lease);
    },
    onError: (err) => logger.warn({ err }, 'lease renewal failed'),
  });
  // Every lease this node acquires is renewed by the heartbeat until released or lost.
  const lease: SessionLease = {
    nodeId: redisLease.nodeId,
    acquire: async (sessionId) => {
      const got = await redisLease.acquire(sessionId);
      if (got && got.holder === redisLease.nodeId) heartbeat.track(got);
      return got;
    },
    isCurrent: (l) => redisLease.isCurrent(l),
    release: async (l) => {
      heartbeat.untrack(l.sessionId);
      await redisLease.release(l);
    },
    holderOf: (sessionId) => redisLease.holderOf(sessionId),
  };
  return {
    lease,
    rateLimiter: createRedisRateLimiter({ redis, prefix: PREFIX }),
    start(lost) {
      onLost = lost;
      heartbeat.start();
    },
    async close() {
      await heartbeat.stop();
      for (const held of heartbeat.leases()) await lease.release(held).catch(() => {});
      redis.disconnect();
    },
  };
}

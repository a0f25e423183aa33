// Cluster-mode parts for the container (WAGATE_MODE=cluster): one Redis connection, the Redis lease
// (tracked by a heartbeat that renews it, its token fenced in the store on every new grant), the
// command transport between nodes (Redis Streams), and the Redis rate limiter. Nothing here runs in
// single mode.
import { Redis } from 'ioredis';
import type { Logger as PinoLogger } from 'pino';
import { createRedisLease } from '../adapters/redis-lease/index.js';
import { LeaseHeartbeat } from '../adapters/redis-lease/heartbeat.js';
import { createRedisRateLimiter } from '../adapters/redis-limiter/index.js';
import { createRedisNodeTransport } from '../adapters/redis-router/index.js';
import type { NodeTransport } from '../core/ports/node-transport.js';
import type { ClusterLoad, NodeLoad } from '../core/runtime/cluster-load.js';
import type { Lease, LeaseTokens, SessionLease } from '../core/ports/session-lease.js';
import type { RateLimiter } from '../core/ports/rate-limiter.js';
import type { Store } from '../core/ports/store.js';
import type { ClusterConfig } from './cluster-config.js';

export interface ClusterParts {
  lease: SessionLease;
  /** This node's tokens, for the fenced writes (while the lease is surely valid on this node's clock). */
  leaseTokens: LeaseTokens;
  /** How many sessions this node holds. */
  heldCount(): number;
  /** The leases this node holds. */
  heldLeases(): Lease[];
  /** Every live node's load (held / max), for rebalancing and placing connections. */
  load: ClusterLoad;
  /** How many nodes are alive (seen within a TTL in `<prefix>nodes`), this one included. */
  liveNodes(): Promise<number>;
  transport: NodeTransport;
  rateLimiter: RateLimiter;
  /**
   * Starts renewing; `onLost` closes a session this node no longer holds, `onRevalidated` resumes
   * one whose writes were refused for a while (a stall longer than the lease's sure validity).
   */
  start(onLost: (lease: Lease) => void, onRevalidated?: (lease: Lease) => void): void;
  /** Hands this node's sessions over (releases its leases), then closes Redis. */
  close(): Promise<void>;
}

export function createClusterParts(
  config: ClusterConfig,
  logger: PinoLogger,
  store: Pick<Store, 'fences'>,
): ClusterParts {
  if (!config.redisUrl) throw new Error('cluster mode needs WAGATE_REDIS_URL');
  const prefix = config.redisPrefix;
  const redis = new Redis(config.redisUrl, { maxRetriesPerRequest: 2 });
  redis.on('error', (err) => logger.warn({ err }, 'redis error'));
  const redisLease = createRedisLease({ redis, nodeId: config.nodeId, ttlMs: config.leaseTtlMs, prefix });
  // Node presence: a sorted set of node id → last seen (ms), refreshed with the heartbeat; and each
  // node's load, a hash of node id → `held/max`, written with it and on every grant and release.
  const nodesKey = `${prefix}nodes`;
  const loadKey = `${prefix}node-load`;
  const publishLoad = () =>
    redis
      .hset(loadKey, config.nodeId, `${heartbeat.leases().length}/${config.maxSessions}`)
      .catch((err: unknown) => logger.warn({ err }, 'node load failed'));
  const seen = () => {
    void publishLoad();
    return redis
      .zadd(nodesKey, Date.now(), config.nodeId)
      .catch((err: unknown) => logger.warn({ err }, 'node presence failed'));
  };
  let presence: NodeJS.Timeout | undefined;
  let onLost: (lease: Lease) => void = () => {};
  let onRevalidated: (lease: Lease) => void = () => {};
  const heartbeat = new LeaseHeartbeat({
    lease: redisLease,
    ttlMs: config.leaseTtlMs,
    onLost: (lease) => {
      logger.warn({ sessionId: lease.sessionId }, 'lease lost: closing the session on this node');
      onLost(lease);
    },
    onError: (err) => logger.warn({ err }, 'lease renewal failed'),
    // Held for sure for 95 % of the TTL after a renewal was sent (Redis cannot have let it expire
    // sooner); a stall past that refuses this node's writes until the next renewal, then resumes.
    onRevalidated: (lease) => {
      logger.warn({ sessionId: lease.sessionId }, 'lease renewed after a stall: resuming the session');
      onRevalidated(lease);
    },
  });
  // Every lease this node acquires is renewed by the heartbeat until released or lost, and a new
  // grant raises the session's fence at once: from then on the previous holder's writes are refused.
  const lease: SessionLease = {
    nodeId: redisLease.nodeId,
    acquire: async (sessionId) => {
      const askedAt = Date.now();
      const got = await redisLease.acquire(sessionId);
      if (!got || got.holder !== redisLease.nodeId) return got;
      const known = heartbeat.leases().some((l) => l.sessionId === sessionId && l.token === got.token);
      heartbeat.track(got, askedAt);
      if (!known && !(await store.fences.advance(sessionId, got.token))) {
        // A larger token already wrote: Redis lost its counters (flushed without persistence).
        logger.error(
          { sessionId, token: got.token },
          'lease token older than the fence in the database; not taking it',
        );
        heartbeat.untrack(sessionId);
        await redisLease.release(got);
        return null;
      }
      if (!known) void publishLoad();
      return got;
    },
    isCurrent: (l) => redisLease.isCurrent(l),
    release: async (l) => {
      heartbeat.untrack(l.sessionId);
      await redisLease.release(l);
      void publishLoad();
    },
    holderOf: (sessionId) => redisLease.holderOf(sessionId),
  };
  const transport = createRedisNodeTransport({
    redis,
    nodeId: config.nodeId,
    prefix,
    onError: (err, what) => logger.warn({ err }, `cluster transport: ${what} failed`),
  });
  const liveIds = async (): Promise<string[]> => {
    await redis.zremrangebyscore(nodesKey, '-inf', Date.now() - config.leaseTtlMs);
    return redis.zrange(nodesKey, 0, -1);
  };
  const hasRoom = () => config.maxSessions === 0 || heartbeat.leases().length < config.maxSessions;
  const load: ClusterLoad = {
    nodeId: config.nodeId,
    hasRoom,
    async loads() {
      const ids = await liveIds();
      if (!ids.includes(config.nodeId)) ids.push(config.nodeId);
      const raw = await redis.hmget(loadKey, ...ids);
      return ids.map((node, i): NodeLoad => {
        if (node === config.nodeId) return { node, held: heartbeat.leases().length, max: config.maxSessions };
        const [held, max] = (raw[i] ?? '0/0').split('/').map(Number);
        return { node, held: held || 0, max: max || 0 };
      });
    },
  };
  return {
    lease,
    load,
    heldLeases: () => heartbeat.leases(),
    leaseTokens: { tokenOf: (sessionId) => heartbeat.tokenOf(sessionId) },
    heldCount: () => heartbeat.leases().length,
    async liveNodes() {
      return Math.max(1, (await liveIds()).length);
    },
    transport,
    rateLimiter: createRedisRateLimiter({ redis, prefix }),
    start(lost, revalidated) {
      onLost = lost;
      if (revalidated) onRevalidated = revalidated;
      heartbeat.start();
      void seen();
      presence ??= setInterval(() => void seen(), Math.max(100, Math.floor(config.leaseTtlMs / 3)));
    },
    async close() {
      if (presence) clearInterval(presence);
      await redis.zrem(nodesKey, config.nodeId).catch(() => undefined);
      await redis.hdel(loadKey, config.nodeId).catch(() => undefined);
      await heartbeat.stop();
      for (const held of heartbeat.leases()) await lease.release(held).catch(() => {});
      await transport.close();
      redis.disconnect();
    },
  };
}

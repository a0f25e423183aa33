// SessionLease in Redis: the cluster-mode adapter. A lease is one key `<prefix>lease:<session>` =
// "<token>:<holder>" with a TTL (seconds); the holder renews it on a heartbeat, so a node that dies
// or is paused past the TTL loses its sessions and another node may take them. The fencing token is
// INCR of a per-session counter that never expires, so it grows with every grant and is never
// reused, even after the lease key itself expired. Every step is one Lua script: atomic in Redis.
import type { Redis } from 'ioredis';
import type { Lease, SessionLease } from '../../core/ports/session-lease.js';

export interface RedisLeaseOptions {
  redis: Redis;
  nodeId: string;
  /** A lease not renewed for this long expires. */
  ttlMs: number;
  /** Namespace of every key (one per cluster; tests use one per run). */
  prefix: string;
}

/** The Redis lease, plus what the heartbeat needs beyond the port. */
export interface RedisSessionLease extends SessionLease {
  /** Extends the lease's TTL; false when it is no longer current (lost: stop acting on the session). */
  renew(lease: Lease): Promise<boolean>;
}

// KEYS[1] lease key, KEYS[2] token counter; ARGV[1] holder, ARGV[2] ttl ms.
const ACQUIRE = `
local cur = redis.call('GET', KEYS[1])
if cur then
  local sep = string.find(cur, ':', 1, true)
  if string.sub(cur, sep + 1) == ARGV[1] then
    redis.call('PEXPIRE', KEYS[1], ARGV[2])
    return cur
  end
  return false
end
local token = redis.call('INCR', KEYS[2])
local value = token .. ':' .. ARGV[1]
redis.call('SET', KEYS[1], value, 'PX', ARGV[2])
return value`;

// KEYS[1] lease key; ARGV[1] expected value, ARGV[2] ttl ms (renew) or absent (release).
const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('PEXPIRE', KEYS[1], ARGV[2]) end
return 0`;
const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then return redis.call('DEL', KEYS[1]) end
return 0`;

function parse(sessionId: string, value: string | null): Lease | null {
  if (!value) return null;
  const sep = value.indexOf(':');
  return { sessionId, token: Number(value.slice(0, sep)), holder: value.slice(sep + 1) };
}

const stored = (lease: Lease): string => `${lease.token}:${lease.holder}`;

export function createRedisLease(options: RedisLeaseOptions): RedisSessionLease {
  const { redis, nodeId, ttlMs, prefix } = options;
  const key = (sessionId: string): string => `${prefix}lease:${sessionId}`;
  return {
    nodeId,
    async acquire(sessionId) {
      const value = (await redis.eval(
        ACQUIRE,
        2,
        key(sessionId),
        `${prefix}lease-token:${sessionId}`,
        nodeId,
        ttlMs,
      )) as string | null;
      return parse(sessionId, value);
    },
    async isCurrent(lease) {
      return (await redis.get(key(lease.sessionId))) === stored(lease);
    },
    async renew(lease) {
      return Number(await redis.eval(RENEW, 1, key(lease.sessionId), stored(lease), ttlMs)) === 1;
    },
    async release(lease) {
      await redis.eval(RELEASE, 1, key(lease.sessionId), stored(lease));
    },
    async holderOf(sessionId) {
      return parse(sessionId, await redis.get(key(sessionId)));
    },
  };
}

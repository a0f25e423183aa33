// SessionLease contract (run against every adapter: in process and Redis): one holder per
// session, fencing tokens that grow with each grant, release only by the current holder. Then what
// only the Redis lease does: expiry when not renewed, renewal refused once lost.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisLease } from '../../src/adapters/redis-lease/index.js';
import { LeaseHeartbeat } from '../../src/adapters/redis-lease/heartbeat.js';
import type { Lease } from '../../src/core/ports/session-lease.js';
import { createMemoryLease, MemoryLeaseRegistry } from '../../src/adapters/memory-lease/index.js';
import type { SessionLease } from '../../src/core/ports/session-lease.js';

// 127.0.0.1:6379; every test uses its own key prefix, so parallel runs never collide.
const redis = new Redis('redis://127.0.0.1:6379', { lazyConnect: true, maxRetriesPerRequest: 1 });
const prefixes: string[] = [];
function testPrefix(): string {
  const prefix = `wagate-test:${randomBytes(6).toString('hex')}:`;
  prefixes.push(prefix);
  return prefix;
}
after(async () => {
  for (const prefix of prefixes) {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

const adapters: Array<[string, () => [SessionLease, SessionLease]]> = [
  [
    'memory',
    () => {
      const registry = new MemoryLeaseRegistry();
      return [createMemoryLease({ nodeId: 'node-a', registry }), createMemoryLease({ nodeId: 'node-b', registry })];
    },
  ],
  [
    'redis',
    () => {
      const prefix = testPrefix();
      return [
        createRedisLease({ redis, nodeId: 'node-a', ttlMs: 10_000, prefix }),
        createRedisLease({ redis, nodeId: 'node-b', ttlMs: 10_000, prefix }),
      ];
    },
  ],
];

for (const [name, twoNodes] of adapters) {
  describe(`SessionLease contract: ${name}`, () => {
    test('one holder at a time; re-acquiring returns the same lease', async () => {
      const [a, b] = twoNodes();
      const lease = await a.acquire('ses_1');
      assert.ok(lease);
      assert.equal(lease.holder, 'node-a');
      assert.equal(await b.acquire('ses_1'), null);
      assert.deepEqual(await a.acquire('ses_1'), lease);
      assert.deepEqual(await b.holderOf('ses_1'), lease);
      assert.equal(await a.holderOf('ses_2'), null);
    });

    test('after a release the other node gets it with a larger fencing token; the old lease is no longer current', async () => {
      const [a, b] = twoNodes();
      const first = await a.acquire('ses_1');
      assert.ok(first);
      await a.release(first);
      const second = await b.acquire('ses_1');
      assert.ok(second);
      assert.ok(second.token > first.token);
      assert.equal(await a.isCurrent(first), false);
      assert.equal(await b.isCurrent(second), true);
      await a.release(first); // a stale release changes nothing
      assert.deepEqual(await a.holderOf('ses_1'), second);
    });
  });
}

describe('SessionLease: redis expiry and renewal', () => {
  test('a lease not renewed expires; the next holder gets a larger token; the old holder cannot renew or release it', async () => {
    const prefix = testPrefix();
    const a = createRedisLease({ redis, nodeId: 'node-a', ttlMs: 300, prefix });
    const b = createRedisLease({ redis, nodeId: 'node-b', ttlMs: 300, prefix });
    const first = await a.acquire('ses_1');
    assert.ok(first);
    assert.equal(await a.renew(first), true);
    assert.equal(await b.acquire('ses_1'), null, 'a renewed lease is still held');
    await new Promise((r) => setTimeout(r, 450));
    assert.equal(await a.holderOf('ses_1'), null, 'expired');
    const second = await b.acquire('ses_1');
    assert.ok(second);
    assert.ok(second.token > first.token);
    assert.equal(await a.renew(first), false, 'a paused node learns it lost the lease');
    assert.equal(await a.isCurrent(first), false);
    await a.release(first);
    assert.deepEqual(await b.holderOf('ses_1'), second);
  });

  test('renewal keeps a lease past its TTL', async () => {
    const prefix = testPrefix();
    const a = createRedisLease({ redis, nodeId: 'node-a', ttlMs: 300, prefix });
    const lease = await a.acquire('ses_1');
    assert.ok(lease);
    for (let i = 0; i < 4; i++) {
      await new Promise((r) => setTimeout(r, 150));
      assert.equal(await a.renew(lease), true);
    }
    assert.deepEqual(await a.holderOf('ses_1'), lease);
  });
});

describe('LeaseHeartbeat', () => {
  test('keeps held leases past their TTL; reports one taken over after a pause, once', async () => {
    const prefix = testPrefix();
    const a = createRedisLease({ redis, nodeId: 'node-a', ttlMs: 300, prefix });
    const b = createRedisLease({ redis, nodeId: 'node-b', ttlMs: 300, prefix });
    const lost: Lease[] = [];
    const heartbeat = new LeaseHeartbeat({ lease: a, ttlMs: 300, onLost: (l) => lost.push(l) });
    const one = await a.acquire('ses_1');
    const two = await a.acquire('ses_2');
    assert.ok(one && two);
    heartbeat.track(one);
    heartbeat.track(two);
    heartbeat.start();
    await new Promise((r) => setTimeout(r, 700));
    assert.equal(await b.acquire('ses_1'), null, 'renewed past twice its TTL');
    assert.equal(lost.length, 0);
    // A pause: the beat stops, the leases expire and node b takes ses_1.
    await heartbeat.stop();
    await new Promise((r) => setTimeout(r, 400));
    const taken = await b.acquire('ses_1');
    assert.ok(taken && taken.token > one.token);
    await heartbeat.beat(); // the node wakes up (ses_2 is free again: re-renewal fails too, its key expired)
    await heartbeat.beat();
    assert.deepEqual(lost.map((l) => l.sessionId).sort(), ['ses_1', 'ses_2']);
    assert.deepEqual(heartbeat.leases(), []);
    assert.deepEqual(await b.holderOf('ses_1'), taken);
  });

  test('a lease is surely held only for its valid span after a renewal; one renewed after a gap is reported', async () => {
    const prefix = testPrefix();
    const a = createRedisLease({ redis, nodeId: 'node-a', ttlMs: 10_000, prefix });
    const revalidated: string[] = [];
    const heartbeat = new LeaseHeartbeat({
      lease: a,
      ttlMs: 10_000,
      validMs: 200,
      onLost: () => assert.fail('not lost'),
      onRevalidated: (l) => revalidated.push(l.sessionId),
    });
    const one = await a.acquire('ses_1');
    assert.ok(one);
    heartbeat.track(one);
    assert.equal(heartbeat.tokenOf('ses_1'), one.token);
    assert.equal(heartbeat.tokenOf('ses_2'), null, 'not held');
    await heartbeat.beat();
    assert.deepEqual(revalidated, [], 'renewed within its valid span: nothing to report');
    // A stall longer than the valid span: writes are refused (no token) until the next renewal.
    await new Promise((r) => setTimeout(r, 300));
    assert.equal(heartbeat.tokenOf('ses_1'), null);
    await heartbeat.beat();
    assert.equal(heartbeat.tokenOf('ses_1'), one.token);
    assert.deepEqual(revalidated, ['ses_1']);
  });
});

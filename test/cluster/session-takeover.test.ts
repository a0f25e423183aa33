// SessionTakeover with real Redis leases (one key prefix per run): sessions stored as connected and
// held by nobody are taken by the live nodes, each up to its fair share, at most `concurrency` per
// round; a dead node's sessions go to the survivors; a node count that is off never strands a
// session. The store is a list of sessions and each node's runtimes record the connects (the
// reconnect itself is covered by the 3-node harness).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisLease } from '../../src/adapters/redis-lease/index.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { SessionLease } from '../../src/core/ports/session-lease.js';
import type { SessionCommand, SessionRouter, SessionTarget } from '../../src/core/ports/session-router.js';
import type { Store } from '../../src/core/ports/store.js';
import { SessionTakeover } from '../../src/core/runtime/session-takeover.js';
import type { Session } from '../../src/core/sessions/session.types.js';
import { TEST_REDIS_URL } from './cluster-kit.js';

const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
const prefixes: string[] = [];
after(async () => {
  for (const p of prefixes) {
    const keys = await redis.keys(`${p}*`);
    if (keys.length) await redis.del(...keys);
  }
  redis.disconnect();
});

function stored(n: number): Pick<Store, 'sessions'> {
  const sessions = Array.from({ length: n }, (_, i) => ({ id: `ses_${i}`, accountId: 'acc_1', status: 'connected' }));
  return { sessions: { listForResume: async () => sessions as Session[] } } as unknown as Pick<Store, 'sessions'>;
}

function cluster(sessions: number, live: () => number) {
  const prefix = `wagate-test:takeover-${randomBytes(5).toString('hex')}:`;
  prefixes.push(prefix);
  const store = stored(sessions);
  const node = (nodeId: string) => {
    const lease: SessionLease = createRedisLease({ redis, nodeId, ttlMs: 60_000, prefix });
    const connected = new Set<string>();
    const local: SessionRouter = {
      async dispatch(target: SessionTarget, command: SessionCommand) {
        if (command.op === 'connect') connected.add(target.sessionId);
        return null as never;
      },
    };
    const takeover = new SessionTakeover({
      store,
      lease,
      local,
      logger: silentLogger,
      intervalMs: 60_000,
      concurrency: 2,
      maxSessions: 0,
      heldCount: () => connected.size,
      liveNodes: async () => live(),
    });
    return { lease, connected, takeover };
  };
  return node;
}

test('unheld sessions spread over the live nodes, a few per round, each up to its fair share', async () => {
  const node = cluster(7, () => 2);
  const a = node('tk-a');
  const b = node('tk-b');
  assert.equal(await a.takeover.round(), 2, 'at most `concurrency` per round');
  for (let i = 0; i < 4; i++) {
    await b.takeover.round();
    await a.takeover.round();
  }
  assert.deepEqual([a.connected.size, b.connected.size].sort(), [3, 4], 'ceil(7 / 2) at most each');
  const all = [...a.connected, ...b.connected];
  assert.equal(new Set(all).size, 7, 'every session taken once');
  for (const s of a.connected) assert.equal((await b.lease.holderOf(s))?.holder, 'tk-a');
});

test("a dead node's sessions go to the survivors; a node count that is off never strands one", async () => {
  let live = 3;
  const node = cluster(6, () => live);
  const a = node('tk-c');
  const b = node('tk-d');
  const c = node('tk-e');
  for (let i = 0; i < 3; i++) for (const n of [a, b, c]) await n.takeover.round();
  assert.deepEqual([a.connected.size, b.connected.size, c.connected.size], [2, 2, 2]);
  // c dies: its leases are gone; the presence set still counts it for a while.
  for (const s of c.connected) {
    const held = await c.lease.holderOf(s);
    if (held) await c.lease.release(held);
  }
  assert.equal(await a.takeover.round(), 0, 'at its fair share (6 / 3): waits');
  assert.equal(await b.takeover.round(), 0);
  await a.takeover.round();
  await b.takeover.round();
  assert.equal(a.connected.size + b.connected.size, 4, 'two rounds: still waiting');
  // A third round with them unheld: taken although the count still says 3 nodes.
  await a.takeover.round();
  await b.takeover.round();
  assert.equal(a.connected.size + b.connected.size, 6);
  // With the right count (2 live nodes), a survivor takes a dead node's sessions in its first round.
  live = 2;
  const d = node('tk-f');
  for (const s of a.connected) {
    const held = await a.lease.holderOf(s);
    if (held) await a.lease.release(held);
  }
  assert.equal(await d.takeover.round(), 2, 'fair share ceil(6 / 2) = 3, two per round');
  assert.equal(await d.takeover.round(), 1);
  assert.equal(await d.takeover.round(), 0, 'at its fair share');
});

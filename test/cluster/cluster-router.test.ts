// ClusterSessionRouter over the Redis Streams transport, two nodes in this process (real Redis, one
// key prefix per run). Each node's "runtimes" are a recording SessionRouter that says which node
// ran the command (the runtimes themselves are covered by the e2e suites; the 3-node harness runs
// it all as real processes). What is checked: a command reaches the holder wherever it is sent
// from, results and AppErrors come back, a session nobody holds is taken by a connection command
// and refused for a live-connection one, a caller waiting on a holder that dies is re-routed, a
// connect sent to a full node is placed on one with room (503 CLUSTER_AT_CAPACITY when none has),
// and a session handed over takes no command on the old node and is connected by the new one.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisLease } from '../../src/adapters/redis-lease/index.js';
import { createRedisNodeTransport } from '../../src/adapters/redis-router/index.js';
import { AppError, ConflictError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { NodeTransport } from '../../src/core/ports/node-transport.js';
import type { SessionLease } from '../../src/core/ports/session-lease.js';
import type {
  SessionCommand,
  SessionCommandResult,
  SessionRouter,
  SessionTarget,
} from '../../src/core/ports/session-router.js';
import type { ClusterLoad, NodeLoad } from '../../src/core/runtime/cluster-load.js';
import { ClusterSessionRouter } from '../../src/core/runtime/cluster-session-router.js';
import { TEST_REDIS_URL } from './cluster-kit.js';

const prefix = `wagate-test:router-${randomBytes(5).toString('hex')}:`;
const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
const transports: NodeTransport[] = [];

after(async () => {
  for (const t of transports) await t.close();
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

/** What a node's runtimes would do: answers who ran it; `pairingCode` raises, `snapshot` can hang. */
class Runtimes implements SessionRouter {
  readonly ran: string[] = [];
  /** While set, a snapshot waits for it (a holder that took the command and never answers). */
  hang: Promise<void> | null = null;
  constructor(private readonly nodeId: string) {}
  async dispatch<C extends SessionCommand>(target: SessionTarget, command: C): Promise<SessionCommandResult<C>> {
    this.ran.push(`${command.op}:${target.sessionId}`);
    if (command.op === 'pairingCode')
      throw new ConflictError('SESSION_NOT_PAIRING', `not pairing on ${this.nodeId}`, { context: { n: 1 } });
    if (command.op === 'snapshot' && this.hang) await this.hang;
    if (command.op === 'snapshot') return { status: 'connected', qr: null, identity: null } as SessionCommandResult<C>;
    if (command.op === 'group') return { ranOn: this.nodeId } as unknown as SessionCommandResult<C>;
    return null as SessionCommandResult<C>;
  }
}

/** Node loads as each node's `load` sees them (what the Redis hash says in cluster mode). */
const loads = new Map<string, NodeLoad>();

function node(nodeId: string, ttlMs = 10_000, extra: { max?: number; dropLocal?: (id: string) => Promise<void> } = {}) {
  const lease: SessionLease = createRedisLease({ redis, nodeId, ttlMs, prefix });
  const transport = createRedisNodeTransport({ redis, nodeId, prefix });
  transports.push(transport);
  const runtimes = new Runtimes(nodeId);
  const router = new ClusterSessionRouter({
    local: runtimes,
    lease,
    transport,
    logger: silentLogger,
    commandTimeoutMs: 8_000,
    holderCheckMs: 200,
    ...(extra.max === undefined ? {} : { load: loadOf(nodeId, extra.max) }),
    ...(extra.dropLocal ? { dropLocal: extra.dropLocal } : {}),
  });
  transport.serve(router.handle);
  return { lease, transport, runtimes, router };
}

/** What each node holds by its own count (hasRoom), which the published `loads` may lag behind. */
const ownHeld = new Map<string, number>();

/** A node's load: its own count for its room, the published loads (of its test's nodes) for placing. */
function loadOf(nodeId: string, max: number): ClusterLoad {
  loads.set(nodeId, { node: nodeId, held: 0, max });
  ownHeld.set(nodeId, 0);
  const group = nodeId.replace(/-[^-]+$/, '-');
  return {
    nodeId,
    hasRoom: () => max === 0 || (ownHeld.get(nodeId) ?? 0) < max,
    loads: async () => [...loads.values()].filter((l) => l.node.startsWith(group)),
  };
}

/** Sets what a node holds, by its own count and as published. */
function holds(nodeId: string, held: number, published = held): void {
  ownHeld.set(nodeId, held);
  (loads.get(nodeId) as NodeLoad).held = published;
}

const target = (sessionId: string): SessionTarget => ({ accountId: 'acc_1', sessionId, status: 'connected' });
const group = { op: 'group', command: { op: 'metadata', group: 'g@g.us' } } as unknown as SessionCommand;

test('a command sent from any node runs on the holder; results and AppErrors come back', async () => {
  const a = node('rt-a');
  const b = node('rt-b');
  const s = `ses_${randomBytes(4).toString('hex')}`;
  await a.lease.acquire(s);
  assert.deepEqual(await b.router.dispatch(target(s), group), { ranOn: 'rt-a' });
  assert.deepEqual(await a.router.dispatch(target(s), group), { ranOn: 'rt-a' }, 'the holder runs it itself');
  const err = await b.router.dispatch(target(s), { op: 'pairingCode', phone: '1555' }).catch((e: unknown) => e);
  assert.ok(err instanceof ConflictError, `a ConflictError crosses (got ${String(err)})`);
  assert.equal((err as AppError).code, 'SESSION_NOT_PAIRING');
  assert.match((err as AppError).message, /on rt-a/);
  await b.router.dispatch(target(s), { op: 'kick' }); // queued, not waited for
  await waitUntil(() => a.runtimes.ran.includes(`kick:${s}`));
  assert.equal(b.runtimes.ran.length, 0, 'nothing ran on the node that does not hold the session');
});

test('a session nobody holds: connect makes the caller its holder; a live-connection command is refused', async () => {
  const a = node('rt-c');
  const s = `ses_${randomBytes(4).toString('hex')}`;
  assert.equal(await a.router.dispatch(target(s), { op: 'snapshot' }), null);
  const refused = await a.router.dispatch(target(s), group).catch((e: unknown) => e);
  assert.equal((refused as AppError).code, 'SESSION_NOT_CONNECTED');
  await a.router.dispatch(target(s), { op: 'connect' });
  assert.equal((await a.lease.holderOf(s))?.holder, 'rt-c');
  assert.deepEqual(a.runtimes.ran, [`connect:${s}`]);
});

test('a caller waiting on a holder that dies is routed to the node that takes the session over', async () => {
  const a = node('rt-d', 1_000);
  const b = node('rt-e', 1_000);
  const s = `ses_${randomBytes(4).toString('hex')}`;
  await a.lease.acquire(s); // never renewed: it expires after 1 s, as a killed node's lease does
  let unhang = () => {};
  a.runtimes.hang = new Promise((r) => {
    unhang = r;
  }); // the holder takes the command and never answers
  const t0 = Date.now();
  const answer = b.router.dispatch(target(s), { op: 'snapshot' });
  await waitUntil(() => a.runtimes.ran.includes(`snapshot:${s}`));
  // Once the lease is gone: nobody holds the session, so a snapshot is null (no runtime anywhere).
  assert.equal(await answer, null);
  unhang();
  assert.ok(
    Date.now() - t0 < 4_000,
    `re-routed within the lease TTL and a check, not the 8 s timeout (${Date.now() - t0} ms)`,
  );
});

async function waitUntil(fn: () => boolean, timeoutMs = 5_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!fn()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('a connect sent to a full node runs on the node with room; with every node full it is 503 CLUSTER_AT_CAPACITY', async () => {
  const a = node('cap-a', 10_000, { max: 1 });
  const b = node('cap-b', 10_000, { max: 1 });
  holds('cap-a', 1); // a is full
  const s = `ses_${randomBytes(4).toString('hex')}`;
  await a.router.dispatch(target(s), { op: 'connect' });
  assert.equal((await a.lease.holderOf(s))?.holder, 'cap-b', 'placed on b, which took the lease');
  assert.deepEqual(b.runtimes.ran, [`connect:${s}`]);
  assert.deepEqual(a.runtimes.ran, []);
  holds('cap-b', 1); // b is full too
  const t = `ses_${randomBytes(4).toString('hex')}`;
  const refused = await a.router.dispatch(target(t), { op: 'connect' }).catch((e: unknown) => e);
  assert.equal((refused as AppError).code, 'CLUSTER_AT_CAPACITY');
  assert.equal(await a.lease.holderOf(t), null, 'nobody holds it');
  // b is published with room but is full when asked: it refuses, and a answers 503 rather than wait.
  holds('cap-b', 1, 0);
  const t0 = Date.now();
  const stale = await a.router.dispatch(target(t), { op: 'connect' }).catch((e: unknown) => e);
  assert.equal((stale as AppError).code, 'CLUSTER_AT_CAPACITY');
  assert.ok(Date.now() - t0 < 2_000, 'not retried until the command timeout');
  assert.equal(await a.lease.holderOf(t), null);
  assert.deepEqual(b.runtimes.ran, [`connect:${s}`], 'nothing more ran on b');
});

test('a session handed over: no command runs on the old holder meanwhile; the new node connects it', async () => {
  let release = () => {};
  const dropping = new Promise<void>((r) => {
    release = r;
  });
  const dropped: string[] = [];
  const a = node('ho-a', 10_000, {
    max: 0,
    dropLocal: async (id) => {
      dropped.push(id);
      await dropping;
    },
  });
  const b = node('ho-b', 10_000, { max: 0 });
  const s = `ses_${randomBytes(4).toString('hex')}`;
  const held = await a.lease.acquire(s);
  assert.ok(held);
  const moving = a.router.handOver(held, target(s), 'ho-b');
  await waitUntil(() => dropped.includes(s));
  // Meanwhile: a notice has nothing to do here; a command sent from b comes back `moved` and waits.
  assert.equal(await a.router.dispatch(target(s), { op: 'kick' }), null);
  const fromB = b.router.dispatch(target(s), { op: 'snapshot' });
  await new Promise((r) => setTimeout(r, 300));
  assert.deepEqual(a.runtimes.ran, [], 'nothing ran on the node handing the session over');
  release();
  await moving;
  await waitUntil(() => b.runtimes.ran.includes(`connect:${s}`));
  assert.equal((await b.lease.holderOf(s))?.holder, 'ho-b', 'b took the lease and connected it');
  await fromB;
  assert.deepEqual(a.runtimes.ran, []);
});

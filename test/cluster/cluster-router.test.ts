// ClusterSessionRouter over the Redis Streams transport, two nodes in this process (real Redis, one
// key prefix per run). Each node's "runtimes" are a recording SessionRouter that says which node
// ran the command (the runtimes themselves are covered by the e2e suites; the 3-node harness runs
// it all as real processes). What is checked: a command reaches the holder wherever it is sent
// from, results and AppErrors come back, a session nobody holds is taken by a connection command
// and refused for a live-connection one, and a caller waiting on a holder that dies is re-routed.
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

function node(nodeId: string, ttlMs = 10_000) {
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
  });
  transport.serve(router.handle);
  return { lease, transport, runtimes, router };
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

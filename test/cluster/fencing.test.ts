// Issue 17, fencing: a node that lost a session's lease cannot write for it. Two cluster nodes'
// parts in this process (real Redis lease, real PostgreSQL store); node A takes the session, stops
// renewing (as if paused by GC or SIGSTOP), its lease expires, node B takes it. From then on A's
// claims to send, requeues, crash recovery, status changes and auth-state writes are refused by
// the store, even when A's own clock still believes the lease is fine; B's go through.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { pino } from 'pino';
import { Redis } from 'ioredis';
import { createStore } from '../../src/app/container.js';
import { createClusterParts, type ClusterParts } from '../../src/app/cluster.js';
import type { ClusterConfig } from '../../src/app/cluster-config.js';
import type { Outbox } from '../../src/core/events/outbox.js';
import type { Message } from '../../src/core/messages/message.types.js';
import { systemClock } from '../../src/core/ports/clock.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { LeaseTokens } from '../../src/core/ports/session-lease.js';
import type { Store } from '../../src/core/ports/store.js';
import { fencedEngineAuth, FencedWriteError } from '../../src/core/runtime/fenced-engine-auth.js';
import { StoreRuntimeHost } from '../../src/core/runtime/store-runtime-host.js';
import { newId } from '../../src/lib/ids.js';
import { account, session } from '../contract/store.contract.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { TEST_REDIS_URL } from './cluster-kit.js';

const TTL_MS = 2_000;
const prefix = `wagate-test:fence-${randomBytes(5).toString('hex')}:`;
let db: TestDatabase;
let store: Store;
const parts: ClusterParts[] = [];

function nodeParts(nodeId: string): ClusterParts {
  const config: ClusterConfig = {
    mode: 'cluster',
    nodeId,
    redisUrl: TEST_REDIS_URL,
    redisPrefix: prefix,
    leaseTtlMs: TTL_MS,
    maxSessions: 0,
    takeoverConcurrency: 1,
  };
  const p = createClusterParts(config, pino({ level: 'silent' }), store);
  parts.push(p);
  return p;
}

function host(leaseTokens: LeaseTokens): StoreRuntimeHost {
  const outbox = { append: async () => undefined } as unknown as Pick<Outbox, 'append'>;
  return new StoreRuntimeHost({
    store,
    clock: systemClock,
    logger: silentLogger,
    outbox,
    messageSeqCounter: 'fence_test_seq',
    leaseTokens,
  });
}

let seq = 0;
function queued(accountId: string, sessionId: string, text: string): Message {
  const at = new Date().toISOString();
  return {
    id: newId('msg'),
    seq: ++seq,
    accountId,
    sessionId,
    direction: 'out',
    chatId: '15551234567@s.whatsapp.net',
    waId: null,
    sender: null,
    kind: 'text',
    text,
    content: { kind: 'text', text },
    raw: null,
    status: 'queued',
    error: null,
    idempotencyKey: null,
    waTimestamp: null,
    createdAt: at,
    updatedAt: at,
  };
}

before(async () => {
  db = await createTestDatabase('postgres');
  store = await createStore(db.config);
  await store.migrate();
});

after(async () => {
  for (const p of parts) await p.close();
  await store.close();
  await db.drop();
  const redis = new Redis(TEST_REDIS_URL);
  const keys = await redis.keys(`${prefix}*`);
  if (keys.length) await redis.del(...keys);
  redis.disconnect();
});

test('a node whose lease expired writes nothing for the session; the new holder does', async () => {
  const a = nodeParts('node-a');
  const b = nodeParts('node-b');
  const accountId = await account(store);
  const s = await session(store, accountId, { status: 'connected' });
  const ref = { accountId, sessionId: s.id };

  // A holds the session, claims one message (in flight), and a second one waits.
  const leaseA = await a.lease.acquire(s.id);
  assert.ok(leaseA && leaseA.holder === 'node-a');
  const hostA = host(a.leaseTokens);
  const m1 = queued(accountId, s.id, 'one');
  const m2 = queued(accountId, s.id, 'two');
  await store.messages.insert(m1);
  const claimed = await hostA.claimNextOutgoing(ref, () => 'WAID-ONE');
  assert.equal(claimed?.messageId, m1.id);
  await store.messages.insert(m2);

  // A is "paused": nobody renews its lease (its heartbeat never started). After the TTL it is gone.
  await new Promise((r) => setTimeout(r, TTL_MS + 200));
  assert.equal(a.leaseTokens.tokenOf(s.id), null, "A's own clock says its lease may have expired");
  b.start(() => assert.fail('B keeps its lease (its heartbeat renews it)'));
  const leaseB = await b.lease.acquire(s.id);
  assert.ok(leaseB && leaseB.holder === 'node-b' && leaseB.token > leaseA.token);

  // A wakes up believing it still holds the session (its token): the store refuses every write.
  const stale = host({ tokenOf: () => leaseA.token });
  assert.equal(await stale.claimNextOutgoing(ref, () => 'WAID-X'), null, 'A claims nothing');
  await stale.requeue(m1.id);
  assert.equal((await store.messages.findByIdInternal(m1.id))?.status, 'sending', "A's requeue refused");
  assert.equal(await stale.recoverInFlight(ref), 0, "A's recovery refused");
  await stale.setStatus(ref, 'disconnected', { reason: 'replaced' });
  assert.equal((await store.sessions.findByRef(accountId, s.id))?.status, 'connected', "A's status change refused");
  const authA = fencedEngineAuth(store, { tokenOf: () => leaseA.token }, silentLogger);
  await assert.rejects(authA.set(s.id, [{ type: 'creds', id: 'creds', value: 'stale' }]), FencedWriteError);
  assert.equal((await store.engineAuth.get(s.id, 'creds', ['creds'])).size, 0, "A's auth write refused");

  // B, the holder now: recovers A's in-flight message (same WhatsApp id) and sends in order.
  const hostB = host(b.leaseTokens);
  assert.equal(await hostB.recoverInFlight(ref), 1);
  const next = await hostB.claimNextOutgoing(ref, () => 'WAID-NEW');
  assert.deepEqual([next?.messageId, next?.waId], [m1.id, 'WAID-ONE']);
  assert.equal((await hostB.claimNextOutgoing(ref, () => 'WAID-TWO'))?.messageId, m2.id);
  await fencedEngineAuth(store, b.leaseTokens, silentLogger).set(s.id, [{ type: 'creds', id: 'creds', value: 'b' }]);
  assert.equal((await store.engineAuth.get(s.id, 'creds', ['creds'])).get('creds'), 'b');
});

test('a node that never held the session cannot write for it', async () => {
  const c = nodeParts('node-c');
  const accountId = await account(store);
  const s = await session(store, accountId);
  await store.messages.insert(queued(accountId, s.id, 'x'));
  assert.equal(await host(c.leaseTokens).claimNextOutgoing({ accountId, sessionId: s.id }, () => 'W'), null);
});

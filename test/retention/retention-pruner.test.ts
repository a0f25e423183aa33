// The retention pruner on a real store (SQLite and PostgreSQL): a run prunes in batches what its
// policy says, never what is still needed, stop() ends a run between batches, and the
// WAGATE_RETENTION_* variables build its policy. "Now" is two days ahead (timers stay real), so
// rows made by the test are a day past a one-day retention.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { createStore } from '../../src/app/container.js';
import { ConfigError, loadConfig } from '../../src/app/config.js';
import { retentionEnvShape } from '../../src/app/retention-config.js';
import { REPO_ROOT } from '../support/repo-root.js';
import type { TimerClock } from '../../src/core/ports/clock.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { RetentionPruner, type RetentionPolicy } from '../../src/core/retention/retention-pruner.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { forEachDialect } from '../support/dialects.js';
import { message } from '../contract/message-store.contract.js';
import { event, outcomes, settle, subscription } from '../contract/retention.contract.js';
import { account, session } from '../contract/store.contract.js';

const DAY = 86_400_000;
// Real timers, kept referenced (the system clock's are not): here a pause is all the process waits on.
const twoDaysAhead: TimerClock = {
  now: () => new Date(Date.now() + 2 * DAY),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, ms);
    return () => clearTimeout(t);
  },
};

function pruner(store: Store, policy: Partial<RetentionPolicy>): RetentionPruner {
  return new RetentionPruner({
    store,
    clock: twoDaysAhead,
    logger: silentLogger,
    policy: { eventsDays: 0, webhookAttemptsDays: 0, messageBodiesDays: 0, batch: 2, ...policy },
  });
}

forEachDialect((dialect) => {
  let db: TestDatabase;
  let store: Store;
  before(async () => {
    db = await createTestDatabase(dialect);
    store = await createStore(db.config);
    await store.migrate();
  });
  after(async () => {
    await store.close();
    await db.drop();
  });

  test('a run prunes old events, delivery logs and bodies in batches, and keeps what is still needed', async () => {
    const a = await account(store);
    const ses = await session(store, a);
    await subscription(store, a);
    const evts = [];
    for (let i = 0; i < 5; i++) evts.push(await event(store, a, ses.id));
    await settle(store, outcomes(evts, ['delivered', 'delivered', 'delivered', 'dead'])); // the 5th stays pending
    const sent = message(a, ses.id, { seq: await store.counters.next('m'), status: 'sent' });
    const queued = message(a, ses.id, { seq: await store.counters.next('m'), status: 'queued' });
    await store.messages.insert(sent);
    await store.messages.insert(queued);

    const run = await pruner(store, { eventsDays: 1, webhookAttemptsDays: 1, messageBodiesDays: 1 }).runOnce();
    assert.equal(run.deliveries, 4);
    assert.equal(run.events, 4);
    assert.equal(run.messageBodies, 1);
    // Batches of 2: 4 deliveries take 3 calls (2, 2, 0), 4 events 3, and 2 messages 2 (2, then 0).
    assert.equal(run.batches, 8);
    const left = await store.eventLog.listAfter({ accountId: a, sessionId: null }, null, 100);
    assert.deepEqual(
      left.map((e) => e.id),
      [evts[4]?.id],
      'the event not yet delivered stays',
    );
    assert.equal((await store.messages.findById(a, sent.id))?.text, null);
    assert.equal((await store.messages.findById(a, queued.id))?.text, 'hi');
  });

  test('0 days keeps everything: nothing runs', async () => {
    const a = await account(store);
    const ses = await session(store, a);
    const e = await event(store, a, ses.id);
    const p = pruner(store, {});
    assert.equal(p.enabled, false);
    p.start(10);
    await p.stop();
    assert.deepEqual(await p.runOnce(), {
      events: 0,
      deliveries: 0,
      messageBodies: 0,
      batches: 0,
      maxBatchMs: 0,
      ms: 0,
    });
    assert.ok(await store.eventLog.get(a, e.id));
  });

  test('two pruners at once (two cluster nodes on PostgreSQL) share the work without an error', async () => {
    const a = await account(store);
    const ses = await session(store, a);
    await subscription(store, a);
    const evts = [];
    for (let i = 0; i < 60; i++) evts.push(await event(store, a, ses.id));
    await settle(
      store,
      outcomes(
        evts,
        evts.map(() => 'delivered' as const),
      ),
    );
    // A second connection pool to the same database, as a second node has (SQLite: one store).
    const other = dialect === 'postgres' ? await createStore(db.config) : store;
    try {
      const policy = { eventsDays: 1, webhookAttemptsDays: 1, batch: 5 };
      const [one, two] = await Promise.all([pruner(store, policy).runOnce(), pruner(other, policy).runOnce()]);
      assert.ok(one.events + two.events >= 60, `events pruned: ${one.events} + ${two.events}`);
      assert.deepEqual(await store.eventLog.listAfter({ accountId: a, sessionId: null }, null, 100), []);
    } finally {
      if (other !== store) await other.close();
    }
  });

  test('start() runs on its interval until stop()', async () => {
    const a = await account(store);
    const ses = await session(store, a);
    const first = await event(store, a, ses.id);
    const p = pruner(store, { eventsDays: 1 });
    p.start(20);
    try {
      const deadline = Date.now() + 5_000;
      while ((await store.eventLog.get(a, first.id)) && Date.now() < deadline) await sleep(10);
      assert.equal(await store.eventLog.get(a, first.id), null, 'the first run pruned it');
      const second = await event(store, a, ses.id);
      while ((await store.eventLog.get(a, second.id)) && Date.now() < deadline) await sleep(10);
      assert.equal(await store.eventLog.get(a, second.id), null, 'a later run pruned the next one');
    } finally {
      await p.stop();
    }
  });

  test('stop() ends a run after the batch in progress', async () => {
    const a = await account(store);
    const ses = await session(store, a);
    for (let i = 0; i < 40; i++) await event(store, a, ses.id);
    const p = pruner(store, { eventsDays: 1, batch: 1 });
    const running = p.runOnce();
    await new Promise((r) => setTimeout(r, 30));
    await p.stop();
    const run = await running;
    assert.ok(run.events >= 1 && run.events < 40, `stopped part way (pruned ${run.events})`);
    assert.ok((await store.eventLog.listAfter({ accountId: a, sessionId: null }, null, 100)).length > 0);
  });
});

test('WAGATE_RETENTION_*: defaults, overrides, and every bad value named', () => {
  const d = loadConfig({}).retention;
  assert.deepEqual(d, {
    eventsDays: 30,
    webhookAttemptsDays: 14,
    messageBodiesDays: 0,
    batch: 500,
    intervalMs: 600_000,
  });
  const c = loadConfig({
    WAGATE_RETENTION_EVENTS_DAYS: '0',
    WAGATE_RETENTION_WEBHOOK_ATTEMPTS_DAYS: '3',
    WAGATE_RETENTION_MESSAGE_BODIES_DAYS: '90',
    WAGATE_RETENTION_BATCH: '100',
    WAGATE_RETENTION_INTERVAL: '1h',
  }).retention;
  assert.deepEqual(c, {
    eventsDays: 0,
    webhookAttemptsDays: 3,
    messageBodiesDays: 90,
    batch: 100,
    intervalMs: 3_600_000,
  });
  assert.throws(
    () =>
      loadConfig({
        WAGATE_RETENTION_EVENTS_DAYS: '-1',
        WAGATE_RETENTION_MESSAGE_BODIES_DAYS: '1.5',
        WAGATE_RETENTION_BATCH: '0',
        WAGATE_RETENTION_INTERVAL: 'soon',
      }),
    (err: unknown) => {
      assert.ok(err instanceof ConfigError);
      for (const name of [
        'WAGATE_RETENTION_EVENTS_DAYS',
        'WAGATE_RETENTION_MESSAGE_BODIES_DAYS',
        'WAGATE_RETENTION_BATCH',
        'WAGATE_RETENTION_INTERVAL',
      ])
        assert.ok(
          err.problems.some((p) => p.startsWith(name)),
          name,
        );
      return true;
    },
  );
});

test('every WAGATE_RETENTION_* variable is in the README configuration table and in docs/retention.md', () => {
  const readme = readFileSync(new URL('README.md', REPO_ROOT), 'utf8');
  const doc = readFileSync(new URL('docs/retention.md', REPO_ROOT), 'utf8');
  for (const name of Object.keys(retentionEnvShape)) {
    assert.match(readme, new RegExp(`\\| \`${name}\` +\\|`), `README: ${name}`);
    assert.match(doc, new RegExp(`\\| \`${name}\` +\\|`), `docs/retention.md: ${name}`);
  }
});

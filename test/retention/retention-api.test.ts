// Retention seen through the API: with WAGATE_RETENTION_MESSAGE_BODIES_DAYS set, the container's
// pruner clears an old message's body and the message still answers GET /v1/messages/{id} with its
// status and history; idempotency still finds it. The container's clock runs two days ahead (real
// timers), so messages stored by the test are past a one-day retention.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { TimerClock } from '../../src/core/ports/clock.js';
import { newId } from '../../src/lib/ids.js';
import { message } from '../contract/message-store.contract.js';
import { session } from '../contract/store.contract.js';
import { createTestApp } from '../support/harness.js';

const twoDaysAhead: TimerClock = {
  now: () => new Date(Date.now() + 2 * 86_400_000),
  setTimer: (ms, fn) => {
    const t = setTimeout(fn, ms); // referenced: with inject() no server keeps the process alive
    return () => clearTimeout(t);
  },
};

test('an old message keeps answering with its body cleared; queued ones keep theirs', async (t) => {
  const app = await createTestApp({
    env: { WAGATE_RETENTION_MESSAGE_BODIES_DAYS: '1' },
    overrides: { clock: twoDaysAhead },
  });
  t.after(() => app.close());
  const { accountId, token } = await app.createAccount();
  const store = app.container.store;
  const ses = await session(store, accountId);
  const sent = message(accountId, ses.id, {
    seq: await store.counters.next('message_seq'),
    status: 'sent',
    waId: '3EB0RETENTION',
    idempotencyKey: 'order-42',
    text: 'your code is 123456',
    content: { kind: 'text', text: 'your code is 123456' },
  });
  const queued = message(accountId, ses.id, { seq: await store.counters.next('message_seq') });
  await store.messages.insert(sent);
  await store.messages.insert(queued);
  await store.messageEvents.insert({
    id: newId('mev'),
    messageId: sent.id,
    status: 'edited',
    detail: { text: 'your code is 123456', previous_text: 'your code is 12345' },
    at: new Date().toISOString(),
  });

  const run = await app.container.retention.runOnce();
  assert.equal(run.messageBodies, 1);
  assert.equal(run.events, 0, 'events are kept 30 days by default');
  const metrics = (await app.container.metrics.render()).body;
  assert.match(metrics, /wagate_retention_pruned_total\{kind="message_bodies"\} 1\b/);
  assert.match(metrics, /wagate_retention_batch_max_seconds \d/);

  const got = await app.request(token, 'GET', `/v1/messages/${sent.id}`);
  assert.equal(got.statusCode, 200);
  assert.equal(got.body.message.text, null);
  assert.equal(got.body.message.content, null);
  assert.equal(got.body.message.status, 'sent');
  assert.equal(got.body.message.wa_id, '3EB0RETENTION');
  assert.deepEqual(
    got.body.message.events.map((e: { status: string; detail: unknown }) => [e.status, e.detail]),
    [['edited', null]],
  );
  assert.equal((await store.messages.findByIdempotencyKey(ses.id, 'order-42'))?.id, sent.id);
  const stillQueued = await app.request(token, 'GET', `/v1/messages/${queued.id}`);
  assert.equal(stillQueued.body.message.text, 'hi');

  // Started with the container, stopped by its close (t.after) without waiting out its interval.
  await app.container.start();
});

// The outbox → dispatcher → receiver pipeline over real HTTP and a real store, on both dialects:
// retries keep the webhook-id, a receiver that was down gets everything in order per session,
// filters and per-session subscriptions, dead-lettering, replays.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { NewEvent } from '../../src/core/events/index.js';
import { forEachDialect } from '../support/dialects.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createPipelineKit, type PipelineKit } from './pipeline-kit.js';

const statusEvent = (accountId: string, sessionId: string | null, n: number): NewEvent => ({
  type: 'session.status',
  account_id: accountId,
  session_id: sessionId,
  payload: { status: 'connected', previous_status: 'connecting', reason: `n=${n}` },
});

const idOf = (r: { headers: Record<string, string | string[] | undefined> }) => String(r.headers['webhook-id']);
const nOf = (r: { json: unknown }) => Number(String((r.json as { data: { reason: string } }).data.reason).slice(2));

forEachDialect((dialect) => {
  let kit: PipelineKit;
  let receiver: Receiver;

  before(async () => {
    kit = await createPipelineKit(dialect);
    receiver = await startReceiver();
    kit.dispatcher.start();
  });
  after(async () => {
    await kit.close();
    await receiver.close();
  });

  test('a receiver answering 500 three times gets the event on the 4th attempt, same webhook-id, valid signature', async () => {
    const acc = await kit.account();
    const sub = await kit.subscribe(acc, receiver.url);
    const before = receiver.requests.length;
    receiver.failNext(3);
    const event = await kit.outbox.appendNow(statusEvent(acc, null, 1));
    await receiver.waitFor((rs) => rs.slice(before).some((r) => r.status === 200 && idOf(r) === event.id));
    const mine = receiver.requests.slice(before).filter((r) => idOf(r) === event.id);
    assert.deepEqual(
      mine.map((r) => r.status),
      [500, 500, 500, 200],
    );
    const last = mine[3]!;
    const verified = new Webhook(sub.secret).verify(last.body, last.headers as Record<string, string>) as {
      id: string;
      type: string;
    };
    assert.equal(verified.id, event.id);
    assert.equal(verified.type, 'session.status');
    // The delivery log shows the four attempts.
    await waitUntil(
      async () => (await kit.store.webhooks.listDeliveries(acc, sub.id, { limit: 10 }))[0]?.status === 'delivered',
    );
    const [delivery] = await kit.store.webhooks.listDeliveries(acc, sub.id, { limit: 10 });
    assert.equal(delivery?.attempts, 4);
    assert.deepEqual(
      delivery?.attempts_log.map((a) => a.status_code),
      [500, 500, 500, 200],
    );
    assert.match(String(delivery?.attempts_log[0]?.response_snippet), /failing on purpose/);
    assert.ok(delivery?.attempts_log.every((a) => a.latency_ms >= 0));
  });

  test('receiver down while 50 events happen in two sessions, then up: all 50 arrive, in order per session', async () => {
    const down = await startReceiver();
    const acc = await kit.account();
    const [s1, s2] = [await kit.session(acc), await kit.session(acc)];
    await kit.subscribe(acc, down.url);
    await down.down();
    const expected = new Map<string, number[]>([
      [s1, []],
      [s2, []],
    ]);
    for (let n = 0; n < 50; n++) {
      const sid = n % 3 === 0 ? s2 : s1;
      expected.get(sid)!.push(n);
      await kit.store.transaction((tx) => kit.outbox.append(tx, statusEvent(acc, sid, n)));
    }
    await new Promise((r) => setTimeout(r, 300)); // a few failed attempts while down
    await down.up();
    await down.waitFor((rs) => new Set(rs.filter((r) => r.status === 200).map(idOf)).size >= 50, 20_000);
    for (const [sid, ns] of expected) {
      // First arrival of each event, per session, must follow the append order.
      const firsts: number[] = [];
      for (const r of down.requests) {
        const body = r.json as { session_id: string };
        if (body.session_id === sid && !firsts.includes(nOf(r))) firsts.push(nOf(r));
      }
      assert.deepEqual(firsts, ns);
    }
    await down.close();
  });

  test('event filters and per-session subscriptions', async () => {
    const rx = await startReceiver();
    const acc = await kit.account();
    const other = await kit.account();
    const [s1, s2] = [await kit.session(acc), await kit.session(acc)];
    const onlyS1 = await kit.subscribe(acc, `${rx.url}?only-s1`, { session_id: s1 });
    const onlyMessages = await kit.subscribe(acc, `${rx.url}?messages`, { events: ['messages.*'] });
    await kit.subscribe(other, `${rx.url}?other-account`);
    await kit.outbox.appendNow(statusEvent(acc, s1, 1));
    await kit.outbox.appendNow(statusEvent(acc, s2, 2));
    await kit.outbox.appendNow({
      type: 'messages.failed',
      account_id: acc,
      session_id: s2,
      payload: { message_id: 'msg_x', chat: '1@s.whatsapp.net', error: { code: 'X', message: 'x' } },
    });
    await rx.waitFor((rs) => rs.length >= 2);
    await new Promise((r) => setTimeout(r, 300));
    const byPath = (q: string) =>
      rx.requests.filter((r) => r.path.endsWith(q)).map((r) => r.json as { type: string; session_id: string });
    assert.deepEqual(
      byPath('only-s1').map((b) => [b.type, b.session_id]),
      [['session.status', s1]],
    );
    assert.deepEqual(
      byPath('messages').map((b) => b.type),
      ['messages.failed'],
    );
    assert.equal(byPath('other-account').length, 0);
    assert.ok(onlyS1.id && onlyMessages.id);
    await rx.close();
  });

  test('a delivery that keeps failing is dead-lettered after max age, and the lane moves on', async () => {
    const short = await createPipelineKit(dialect, {
      retry: { baseDelayMs: 20, maxDelayMs: 50, maxAgeMs: 300, jitter: 0 },
    });
    const rx = await startReceiver();
    try {
      short.dispatcher.start();
      const acc = await short.account();
      const sub = await short.subscribe(acc, rx.url);
      rx.failNext(1_000);
      const first = await short.outbox.appendNow(statusEvent(acc, null, 1));
      await waitUntil(
        async () => (await short.store.webhooks.listDeliveries(acc, sub.id, { limit: 5 }))[0]?.status === 'dead',
        10_000,
      );
      rx.failNext(0);
      const second = await short.outbox.appendNow(statusEvent(acc, null, 2));
      await rx.waitFor((rs) => rs.some((r) => r.status === 200 && idOf(r) === second.id));
      const dead = (await short.store.webhooks.listDeliveries(acc, sub.id, { limit: 5, status: 'dead' }))[0];
      assert.equal(dead?.event_id, first.id);
      assert.ok((dead?.attempts ?? 0) >= 2);
    } finally {
      await short.close();
      await rx.close();
    }
  });

  test('replay sends a stored event again with the same id', async () => {
    const rx = await startReceiver();
    const acc = await kit.account();
    const sub = await kit.subscribe(acc, rx.url);
    const event = await kit.outbox.appendNow(statusEvent(acc, null, 7));
    await rx.waitFor((rs) => rs.length === 1);
    const n = await kit.store.webhooks.enqueueReplay(
      { accountId: acc, sessionId: null },
      [event.id],
      sub.id,
      new Date(),
    );
    assert.equal(n, 1);
    kit.signal.notify();
    await rx.waitFor((rs) => rs.length === 2);
    assert.equal(idOf(rx.requests[1]!), event.id);
    const log = await kit.store.webhooks.listDeliveries(acc, sub.id, { limit: 5 });
    assert.deepEqual(
      log.map((d) => d.replay),
      [true, false],
    );
    await rx.close();
  });
});

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 25));
  }
}

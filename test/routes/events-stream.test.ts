// GET /v1/events (SSE) and /v1/events/ws over real HTTP: live events, resume with Last-Event-ID
// without gaps or duplicates, scoping by token, and the same over WebSocket.
import assert from 'node:assert/strict';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import type { NewEvent } from '../../src/core/events/index.js';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';
import { startReceiver } from '../support/receiver.js';

interface SseClient {
  events: { id: string; type: string; data: { id: string; session_id: string | null; data: { reason: string } } }[];
  waitFor(n: number, timeoutMs?: number): Promise<void>;
  close(): void;
}

function openSse(base: string, token: string, path = '/v1/events', lastEventId?: string): Promise<SseClient> {
  return new Promise((resolve, reject) => {
    const events: SseClient['events'] = [];
    let buf = '';
    let notify = () => {};
    const req = request(
      `${base}${path}`,
      { headers: { authorization: `Bearer ${token}`, ...(lastEventId ? { 'last-event-id': lastEventId } : {}) } },
      (res: IncomingMessage) => {
        if (res.statusCode !== 200) return reject(new Error(`SSE status ${res.statusCode}`));
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => {
          buf += chunk;
          let i;
          while ((i = buf.indexOf('\n\n')) >= 0) {
            const block = buf.slice(0, i);
            buf = buf.slice(i + 2);
            const f = Object.fromEntries(
              block
                .split('\n')
                .filter((l) => !l.startsWith(':'))
                .map((l) => [l.slice(0, l.indexOf(':')), l.slice(l.indexOf(':') + 2)]),
            );
            if (f['data']) events.push({ id: f['id'] ?? '', type: f['event'] ?? '', data: JSON.parse(f['data']) });
          }
          notify();
        });
        resolve({
          events,
          waitFor: (n, timeoutMs = 10_000) =>
            new Promise<void>((ok, fail) => {
              const timer = setTimeout(() => fail(new Error(`SSE: ${events.length}/${n} events`)), timeoutMs);
              notify = () => {
                if (events.length >= n) {
                  clearTimeout(timer);
                  ok();
                }
              };
              notify();
            }),
          close: () => req.destroy(),
        });
      },
    );
    req.on('error', () => {});
    req.end();
  });
}

forEachDialect((dialect) => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp({ dialect, env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  const emit = (accountId: string, sessionId: string | null, n: number): Promise<unknown> =>
    t.container.webhooks.outbox.appendNow({
      type: 'session.status',
      account_id: accountId,
      session_id: sessionId,
      payload: { status: 'connected', previous_status: null, reason: `n${n}` },
    } as NewEvent);
  const ns = (c: SseClient) => c.events.map((e) => Number(e.data.data.reason.slice(1)));

  test('SSE: live events, then resume from Last-Event-ID with no gap and no duplicate', async (ctx) => {
    const { accountId, token } = await t.createAccount();
    const first = await openSse(base, token);
    ctx.after(() => first.close());
    for (let n = 1; n <= 5; n++) await emit(accountId, null, n);
    await first.waitFor(5);
    assert.deepEqual(ns(first), [1, 2, 3, 4, 5]);
    assert.equal(first.events[0]?.type, 'session.status');
    const last = first.events[4]!.id;
    first.close();
    for (let n = 6; n <= 10; n++) await emit(accountId, null, n); // while disconnected
    const second = await openSse(base, token, '/v1/events', last);
    ctx.after(() => second.close());
    for (let n = 11; n <= 15; n++) await emit(accountId, null, n); // while (re)connected
    await second.waitFor(10);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(ns(second), [6, 7, 8, 9, 10, 11, 12, 13, 14, 15]);
    second.close();
  });

  test('a webhook body, the SSE event and GET /v1/events/{id} are the same JSON', async (ctx) => {
    const { accountId, token } = await t.createAccount();
    const rx = await startReceiver();
    ctx.after(() => rx.close());
    t.container.webhooks.start();
    const hook = await t.request(token, 'POST', '/v1/webhooks', { url: rx.url, events: ['session.status'] });
    assert.equal(hook.statusCode, 201);
    const sse = await openSse(base, token);
    ctx.after(() => sse.close());
    await emit(accountId, null, 1);
    await sse.waitFor(1);
    const streamed = sse.events[0]!;
    await rx.waitFor((rs) => rs.some((r) => r.headers['webhook-id'] === streamed.id));
    const delivered = rx.requests.find((r) => r.headers['webhook-id'] === streamed.id)!;
    assert.deepEqual(delivered.json, streamed.data);
    assert.deepEqual(Object.keys(streamed.data), ['id', 'type', 'timestamp', 'account_id', 'session_id', 'data']);
    assert.equal(streamed.data.data.reason, 'n1');
    const stored = await t.request(token, 'GET', `/v1/events/${streamed.id}`);
    assert.deepEqual(stored.body.event, streamed.data);
  });

  test('SSE is scoped: another account sees nothing, a session key only its session, ?types filters', async (ctx) => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const s1 = (await t.request(a.token, 'POST', '/v1/sessions', { name: 'sse1' })).body;
    const s2 = (await t.request(a.token, 'POST', '/v1/sessions', { name: 'sse2' })).body;
    const other = await openSse(base, b.token);
    const scoped = await openSse(base, s1.session_key.token);
    const typed = await openSse(base, a.token, '/v1/events?types=messages.*');
    ctx.after(() => [other, scoped, typed].forEach((c) => c.close()));
    await emit(a.accountId, s2.session.id, 1);
    await emit(a.accountId, s1.session.id, 2);
    await t.container.webhooks.outbox.appendNow({
      type: 'messages.failed',
      account_id: a.accountId,
      session_id: s1.session.id,
      payload: { message_id: null, chat: 'x@s.whatsapp.net', error: { code: 'X', message: 'x' } },
    });
    await scoped.waitFor(2);
    await typed.waitFor(1);
    await new Promise((r) => setTimeout(r, 200));
    assert.deepEqual(
      scoped.events.map((e) => e.data.session_id),
      [s1.session.id, s1.session.id],
    );
    assert.deepEqual(
      typed.events.map((e) => e.type),
      ['messages.failed'],
    );
    assert.equal(other.events.length, 0);
    for (const c of [other, scoped, typed]) c.close();
    const bad = await t.request(a.token, 'GET', '/v1/events?types=nope.*');
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.body.error.code, 'UNKNOWN_EVENT');
    const badId = await t.app.inject({
      method: 'GET',
      url: '/v1/events',
      headers: { authorization: `Bearer ${a.token}`, 'last-event-id': 'garbage' },
    });
    assert.equal(badId.statusCode, 400);
  });

  test('SSE: a client that stops reading is cut off past 1 MB unsent, and later events do not crash the server', async () => {
    const { accountId, token } = await t.createAccount();
    const big = 'x'.repeat(64 * 1024);
    // A slow client: nothing is read until every event was written (not after a fixed delay: on a
    // loaded machine the appends outlasted it, the client drained the stream in time and it never ended).
    let startReading = () => {};
    const reading = new Promise<void>((resolve) => (startReading = resolve));
    const ended = new Promise<number>((resolve, reject) => {
      const req = request(`${base}/v1/events`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        res.pause();
        let bytes = 0;
        void reading.then(() => {
          res.on('data', (c: Buffer) => (bytes += c.length));
          res.on('end', () => resolve(bytes));
          res.on('error', reject);
          res.resume();
        });
      });
      req.on('error', reject);
      req.end();
    });
    await new Promise((r) => setTimeout(r, 100));
    // Far more than the kernel buffers plus 1 MB; the stream ends partway through.
    for (let n = 0; n < 200; n++)
      await t.container.webhooks.outbox.appendNow({
        type: 'session.status',
        account_id: accountId,
        session_id: null,
        payload: { status: 'connected', previous_status: null, reason: `n${n}${big}` },
      } as NewEvent);
    // More events after the server ended the response: before the fix each was a write after end.
    await new Promise((r) => setTimeout(r, 400));
    for (let n = 200; n < 205; n++) await emit(accountId, null, n);
    startReading();
    const bytes = await Promise.race([
      ended,
      new Promise<never>((_, fail) =>
        setTimeout(
          () => fail(new Error('the server never ended the stream of a client that stopped reading')),
          15_000,
        ).unref(),
      ),
    ]);
    assert.ok(bytes < 200 * big.length, `the server stopped sending (${bytes} bytes)`);
    // The server is still up and serves the next client.
    const next = await openSse(base, token);
    await emit(accountId, null, 999);
    await next.waitFor(1);
    next.close();
  });

  test('WebSocket: backlog after last_event_id, then live', async () => {
    const { accountId, token } = await t.createAccount();
    for (let n = 1; n <= 3; n++) await emit(accountId, null, n);
    const all = await t.request(token, 'GET', '/v1/events/history');
    const firstId = all.body.data[0].id;
    const got: number[] = [];
    const ws = new WebSocket(`${base.replace('http', 'ws')}/v1/events/ws?last_event_id=${firstId}`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const done = new Promise<void>((resolve, reject) => {
      ws.on('message', (m) => {
        got.push(Number((JSON.parse(String(m)) as { data: { reason: string } }).data.reason.slice(1)));
        if (got.length === 3) resolve();
      });
      ws.on('error', reject);
    });
    await new Promise((r) => ws.once('open', r));
    await emit(accountId, null, 4);
    await done;
    assert.deepEqual(got, [2, 3, 4]);
    ws.close();
  });
});

// /v1/webhooks and /v1/events over the real app (inject) with a real receiver: subscription CRUD,
// test events, session.status events from the session service, the delivery log, replays; errors;
// and who may see what (account A vs B, session keys).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

const FAST = {
  WAGATE_ALLOW_PRIVATE_URLS: '1',
  WAGATE_WEBHOOK_RETRY_BASE: '30ms',
  WAGATE_WEBHOOK_RETRY_MAX_DELAY: '200ms',
};

forEachDialect((dialect) => {
  let t: TestApp;
  let rx: Receiver;
  before(async () => {
    t = await createTestApp({ dialect, env: FAST });
    t.container.webhooks.start();
    rx = await startReceiver();
  });
  after(async () => {
    await t.close();
    await rx.close();
  });

  test('create → 201 with a generated whsec_ secret; get/list hide it; patch; delete → 204 then 404', async () => {
    const { token } = await t.createAccount();
    const created = await t.request(token, 'POST', '/v1/webhooks', {
      url: rx.url,
      events: ['messages.*', 'session.status'],
    });
    assert.equal(created.statusCode, 201);
    const w = created.body.webhook;
    assert.match(w.id, /^whk_[0-9a-f]{32}$/);
    assert.match(w.secret, /^whsec_[A-Za-z0-9+/=]{32}$/);
    assert.deepEqual(w.events, ['messages.*', 'session.status']);
    assert.equal(w.enabled, true);
    assert.equal(w.format, 'standard');
    const got = await t.request(token, 'GET', `/v1/webhooks/${w.id}`);
    assert.equal(got.statusCode, 200);
    assert.equal(got.body.webhook.secret, undefined);
    assert.equal(got.body.webhook.secret_hint, w.secret.slice(-4));
    const list = await t.request(token, 'GET', '/v1/webhooks');
    assert.deepEqual(
      list.body.data.map((x: { id: string }) => x.id),
      [w.id],
    );
    const patched = await t.request(token, 'PATCH', `/v1/webhooks/${w.id}`, {
      enabled: false,
      events: ['*'],
      secret: 'a-secret-of-my-own-1234',
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.body.webhook.enabled, false);
    assert.equal(patched.body.webhook.secret, 'a-secret-of-my-own-1234');
    assert.equal((await t.request(token, 'DELETE', `/v1/webhooks/${w.id}`)).statusCode, 204);
    assert.equal((await t.request(token, 'GET', `/v1/webhooks/${w.id}`)).statusCode, 404);
  });

  test('test event: delivered, signed (standardwebhooks verifies), listed with its attempts', async () => {
    const { token } = await t.createAccount();
    const w = (await t.request(token, 'POST', '/v1/webhooks', { url: `${rx.url}?test` })).body.webhook;
    rx.failNext(1);
    const sent = await t.request(token, 'POST', `/v1/webhooks/${w.id}/test`);
    assert.equal(sent.statusCode, 202);
    const eventId = sent.body.event.id;
    await rx.waitFor((rs) => rs.some((r) => r.headers['webhook-id'] === eventId && r.status === 200));
    const ok = rx.requests.filter((r) => r.headers['webhook-id'] === eventId);
    assert.deepEqual(
      ok.map((r) => r.status),
      [500, 200],
    );
    const body = new Webhook(w.secret).verify(ok[1]!.body, ok[1]!.headers as Record<string, string>) as {
      type: string;
      data: { subscription_id: string };
    };
    assert.equal(body.type, 'webhook.test');
    assert.equal(body.data.subscription_id, w.id);
    let log;
    for (let i = 0; i < 100; i++) {
      log = await t.request(token, 'GET', `/v1/webhooks/${w.id}/deliveries`);
      if (log.body.data[0]?.status === 'delivered') break;
      await new Promise((r) => setTimeout(r, 20));
    }
    assert.equal(log!.statusCode, 200);
    const [d] = log!.body.data;
    assert.equal(d.event_id, eventId);
    assert.equal(d.attempts, 2);
    assert.deepEqual(
      d.attempts_log.map((a: { status_code: number }) => a.status_code),
      [500, 200],
    );
  });

  test('session status changes are events: a per-session subscription gets pending_deletion then deleted, in order', async () => {
    const { token } = await t.createAccount();
    const s = (await t.request(token, 'POST', '/v1/sessions', { name: 'hooked' })).body.session;
    const w = await t.request(token, 'POST', `/v1/sessions/${s.id}/webhooks`, {
      url: `${rx.url}?s=${s.id}`,
      events: ['session.*'],
    });
    assert.equal(w.statusCode, 201);
    assert.equal(w.body.webhook.session_id, s.id);
    assert.equal((await t.request(token, 'DELETE', `/v1/sessions/${s.id}`)).statusCode, 202);
    await t.idle();
    await rx.waitFor((rs) => rs.filter((r) => r.path.endsWith(s.id)).length >= 2);
    const got = rx.requests
      .filter((r) => r.path.endsWith(s.id))
      .map((r) => r.json as { type: string; data: { status: string; previous_status: string } });
    assert.deepEqual(
      got.map((b) => [b.type, b.data.previous_status, b.data.status]),
      [
        ['session.status', 'disconnected', 'pending_deletion'],
        ['session.status', 'pending_deletion', 'deleted'],
      ],
    );
  });

  test('replay of one event and of a time range: same webhook-id again', async () => {
    const { token } = await t.createAccount();
    const w = (await t.request(token, 'POST', '/v1/webhooks', { url: `${rx.url}?replay` })).body.webhook;
    const from = new Date(Date.now() - 1000).toISOString();
    const eventId = (await t.request(token, 'POST', `/v1/webhooks/${w.id}/test`)).body.event.id;
    const count = () => rx.requests.filter((r) => r.headers['webhook-id'] === eventId && r.status === 200).length;
    await rx.waitFor(() => count() === 1);
    const one = await t.request(token, 'POST', `/v1/events/${eventId}/replay`, { webhook_id: w.id });
    assert.equal(one.statusCode, 202);
    assert.equal(one.body.enqueued, 1);
    await rx.waitFor(() => count() === 2);
    const range = await t.request(token, 'POST', '/v1/events/replay', {
      from,
      to: new Date(Date.now() + 1000).toISOString(),
      webhook_id: w.id,
    });
    assert.equal(range.statusCode, 202);
    assert.deepEqual(range.body, { events: 1, enqueued: 1 });
    await rx.waitFor(() => count() === 3);
    const ev = await t.request(token, 'GET', `/v1/events/${eventId}`);
    assert.equal(ev.body.event.type, 'webhook.test');
    const hist = await t.request(token, 'GET', '/v1/events/history?limit=10');
    assert.ok(hist.body.data.some((e: { id: string }) => e.id === eventId));
  });

  test('errors: bad URL, unknown event, unknown format, unknown webhook/event/session, bad range', async () => {
    const { token } = await t.createAccount();
    const bad = async (
      method: 'POST' | 'GET' | 'PATCH',
      url: string,
      body: unknown,
      status: number,
      code: string,
      field?: string,
    ) => {
      const res = await t.request(token, method, url, body);
      assert.equal(res.statusCode, status, `${method} ${url} ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, code);
      if (field) assert.equal(res.body.error.field, field);
    };
    await bad('POST', '/v1/webhooks', { url: 'ftp://example.com/x' }, 400, 'VALIDATION_FAILED', 'url');
    await bad('POST', '/v1/webhooks', { url: 'not a url' }, 400, 'VALIDATION_FAILED', 'url');
    await bad(
      'POST',
      '/v1/webhooks',
      { url: rx.url, events: ['messages.*', 'nope.nope'] },
      400,
      'UNKNOWN_EVENT',
      'events.1',
    );
    await bad('POST', '/v1/webhooks', { url: rx.url, format: 'soap' }, 400, 'VALIDATION_FAILED', 'format');
    await bad('POST', '/v1/webhooks', { url: rx.url, secret: 'short' }, 400, 'VALIDATION_FAILED', 'secret');
    await bad(
      'POST',
      '/v1/webhooks',
      { url: rx.url, session_id: 'no-such-session' },
      404,
      'SESSION_NOT_FOUND',
      'session_id',
    );
    await bad('POST', '/v1/webhooks', { url: rx.url, extra: 1 }, 400, 'VALIDATION_FAILED', 'extra');
    await bad('GET', '/v1/webhooks/whk_00000000000000000000000000000000', undefined, 404, 'WEBHOOK_NOT_FOUND');
    await bad('POST', '/v1/events/evt_00000000000000000000000000000000/replay', {}, 404, 'EVENT_NOT_FOUND');
    await bad(
      'POST',
      '/v1/events/replay',
      { from: '2025-01-02T00:00:00Z', to: '2025-01-01T00:00:00Z' },
      400,
      'VALIDATION_FAILED',
      'from',
    );
    const w = (await t.request(token, 'POST', '/v1/webhooks', { url: rx.url, enabled: false })).body.webhook;
    await bad('POST', `/v1/webhooks/${w.id}/test`, undefined, 409, 'WEBHOOK_DISABLED');
  });

  test('private and loopback URLs are refused without WAGATE_ALLOW_PRIVATE_URLS', async () => {
    const strict = await createTestApp({ dialect, env: { WAGATE_ALLOW_PRIVATE_URLS: '0' } });
    try {
      const { token } = await strict.createAccount();
      for (const url of [
        'http://127.0.0.1:9/x',
        'http://localhost/x',
        'http://2130706433/x',
        'http://[::1]/x',
        'http://[::ffff:127.0.0.1]/latest',
      ]) {
        const res = await strict.request(token, 'POST', '/v1/webhooks', { url });
        assert.equal(res.statusCode, 400, url);
        assert.equal(res.body.error.code, 'URL_NOT_ALLOWED', url);
        assert.match(
          res.body.error.message,
          /WAGATE_ALLOW_PRIVATE_URLS=1/,
          'the error names the switch that allows it',
        );
      }
    } finally {
      await strict.close();
    }
  });

  test("account B cannot see, change, test, list deliveries of or replay account A's webhooks and events", async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const w = (await t.request(a.token, 'POST', '/v1/webhooks', { url: rx.url })).body.webhook;
    const eventId = (await t.request(a.token, 'POST', `/v1/webhooks/${w.id}/test`)).body.event.id;
    for (const [method, url, body] of [
      ['GET', `/v1/webhooks/${w.id}`, undefined],
      ['PATCH', `/v1/webhooks/${w.id}`, { enabled: false }],
      ['DELETE', `/v1/webhooks/${w.id}`, undefined],
      ['POST', `/v1/webhooks/${w.id}/test`, undefined],
      ['GET', `/v1/webhooks/${w.id}/deliveries`, undefined],
      ['GET', `/v1/events/${eventId}`, undefined],
      ['POST', `/v1/events/${eventId}/replay`, {}],
    ] as const) {
      const res = await t.request(b.token, method, url, body);
      assert.equal(res.statusCode, 404, `${method} ${url}`);
    }
    assert.deepEqual((await t.request(b.token, 'GET', '/v1/webhooks')).body.data, []);
    assert.equal((await t.request(b.token, 'GET', '/v1/events/history')).body.data.length, 0);
    assert.equal((await t.request(a.token, 'GET', `/v1/webhooks/${w.id}`)).body.webhook.enabled, true);
  });

  test('list and range replay take a session by id or name; an unknown one is SESSION_NOT_FOUND; a session key cannot name another', async () => {
    const { token } = await t.createAccount();
    const s1 = (await t.request(token, 'POST', '/v1/sessions', { name: 'by-name-1' })).body;
    const s2 = (await t.request(token, 'POST', '/v1/sessions', { name: 'by-name-2' })).body;
    const w = (await t.request(token, 'POST', '/v1/webhooks', { url: `${rx.url}?by-name`, session_id: s1.session.id }))
      .body.webhook;
    const ids = (r: { body: { data: { id: string }[] } }) => r.body.data.map((x) => x.id);
    assert.deepEqual(ids(await t.request(token, 'GET', `/v1/webhooks?session_id=${s1.session.id}`)), [w.id]);
    assert.deepEqual(ids(await t.request(token, 'GET', '/v1/webhooks?session_id=by-name-1')), [w.id]);
    assert.deepEqual(ids(await t.request(token, 'GET', '/v1/sessions/by-name-1/webhooks')), [w.id]);
    assert.deepEqual(ids(await t.request(token, 'GET', '/v1/webhooks?session_id=by-name-2')), []);
    const unknown = await t.request(token, 'GET', '/v1/webhooks?session_id=no-such-session');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.body.error.code, 'SESSION_NOT_FOUND');
    const key = s1.session_key.token;
    assert.deepEqual(ids(await t.request(key, 'GET', '/v1/webhooks?session_id=by-name-1')), [w.id]);
    const foreign = await t.request(key, 'GET', `/v1/webhooks?session_id=${s2.session.id}`);
    assert.equal(foreign.statusCode, 400);
    assert.equal(foreign.body.error.code, 'SESSION_MISMATCH');

    const from = new Date(Date.now() - 1000).toISOString();
    await t.request(token, 'POST', `/v1/webhooks/${w.id}/test`);
    const to = new Date(Date.now() + 1000).toISOString();
    const byName = await t.request(token, 'POST', '/v1/events/replay', {
      from,
      to,
      session_id: 'by-name-1',
      webhook_id: w.id,
    });
    assert.equal(byName.statusCode, 202);
    assert.equal(byName.body.events, 1);
    const noSession = await t.request(token, 'POST', '/v1/events/replay', { from, to, session_id: 'no-such-session' });
    assert.equal(noSession.statusCode, 404);
    assert.equal(noSession.body.error.code, 'SESSION_NOT_FOUND');
    const keyForeign = await t.request(key, 'POST', '/v1/events/replay', { from, to, session_id: s2.session.id });
    assert.equal(keyForeign.statusCode, 400);
    assert.equal(keyForeign.body.error.code, 'SESSION_MISMATCH');
  });

  test("a session key manages only its own session's webhooks", async () => {
    const { token } = await t.createAccount();
    const s1 = (await t.request(token, 'POST', '/v1/sessions', { name: 'k1' })).body;
    const s2 = (await t.request(token, 'POST', '/v1/sessions', { name: 'k2' })).body;
    const key = s1.session_key.token;
    const accountWide = (await t.request(token, 'POST', '/v1/webhooks', { url: rx.url })).body.webhook;
    const own = await t.request(key, 'POST', '/v1/webhooks', { url: rx.url });
    assert.equal(own.statusCode, 201);
    assert.equal(own.body.webhook.session_id, s1.session.id);
    const other = await t.request(key, 'POST', '/v1/webhooks', { url: rx.url, session_id: s2.session.id });
    assert.equal(other.statusCode, 400);
    assert.equal(other.body.error.code, 'SESSION_MISMATCH');
    assert.deepEqual(
      (await t.request(key, 'GET', '/v1/webhooks')).body.data.map((x: { id: string }) => x.id),
      [own.body.webhook.id],
    );
    assert.equal((await t.request(key, 'GET', `/v1/webhooks/${accountWide.id}`)).statusCode, 404);
  });
});

// WabSync's limits and tenancy without a phone: past the per-token request limit a 429 in its
// error format with Retry-After and details.retry_after (the seed shows X-RateLimit-* but lists no
// status for it), and another account's token sees none of this account's sessions or webhooks.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../../support/harness.js';
import { openApiOracle, type Oracle } from './oracle.js';

describe('wabsync limits and tenancy', () => {
  let t: TestApp;
  let oracle: Oracle;

  async function call(token: string, method: 'GET' | 'POST', path: string, body?: unknown) {
    const res = await t.raw(method, `/wabsync/api/v1${path}`, null, body, { authorization: `Bearer ${token}` });
    const parsed = JSON.parse(res.body);
    assert.deepEqual(oracle.errors(method, path, res.statusCode, parsed), [], `${method} ${path}: ${res.body}`);
    return { status: res.statusCode, headers: res.headers, body: parsed };
  }

  before(async () => {
    // Sessions created here start connecting: to a closed loopback port, never to WhatsApp.
    t = await createTestApp({
      env: { WAGATE_RATE_LIMIT_PER_MINUTE: '5' },
      overrides: { waWebSocketUrl: 'ws://127.0.0.1:1/ws' },
    });
    oracle = openApiOracle((await t.request(null, 'GET', '/wabsync/openapi.json')).body);
  });
  after(() => t?.close());

  test('over the per-token limit: 429 RATE_LIMITED with Retry-After; the WBT| and bare forms share one quota', async () => {
    const { token } = await t.createAccount();
    const seen: number[] = [];
    for (let i = 0; i < 5; i++) seen.push((await call(i % 2 ? token : `WBT|${token}`, 'GET', '/session/list')).status);
    assert.deepEqual(seen, [200, 200, 200, 200, 200]);
    const over = await call(`WBT|${token}`, 'GET', '/session/list');
    assert.equal(over.status, 429);
    assert.equal(over.body.error, true);
    assert.equal(over.body.code, 'RATE_LIMITED');
    assert.ok(Number(over.headers['retry-after']) >= 1);
    assert.equal(over.body.details.retry_after, Number(over.headers['retry-after']));
    assert.equal(over.headers['x-ratelimit-remaining'], '0');
  });

  test("another account's token: the session and its webhook are not found, a send naming it is 404", async () => {
    const a = `WBT|${(await t.createAccount()).token}`;
    const b = `WBT|${(await t.createAccount()).token}`;
    const created = await call(a, 'POST', '/session/create', { session_name: 'Tenant A' });
    assert.equal(created.status, 201, JSON.stringify(created.body));
    const id = created.body.data.id as string;
    const get = await call(b, 'GET', `/session/${id}`);
    assert.equal(get.status, 404);
    assert.equal(get.body.code, 'SESSION_NOT_FOUND');
    assert.deepEqual((await call(b, 'GET', '/session/list')).body.data, []);
    const send = await call(b, 'POST', '/message/send-text', { session_id: id, to: '+14155550123', text: 'x' });
    assert.equal(send.status, 404);
    const hook = await call(b, 'POST', '/webhook', { session_id: id, url: 'http://127.0.0.1:9/hook' });
    assert.equal(hook.status, 404);
    const own = await call(a, 'POST', '/message/send-text', { session_id: id, to: '+14155550123', text: 'x' });
    assert.equal(own.status, 400, 'a session that is not connected cannot send');
    assert.equal(own.body.code, 'SESSION_NOT_CONNECTED');
  });
});

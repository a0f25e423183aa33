// The Wapio surface (/wapio) end to end against the simulator: sessions, sends that reach the
// simulated contact, idempotency, MessageInfo, token rules and errors; every response is checked
// against Wapio's published OpenAPI (fixtures/wapio-openapi.yaml).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp, type TestResponse } from '../../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../../support/sim.js';
import { oracleErrors } from './oracle.js';

describe('wapio surface through the simulator', () => {
  let sim: TestSim;
  let t: TestApp;
  let pat: string;
  let sessionId: string; // wagate's id
  let wapioId: string; // bps_sess_ws_…
  let sessionKey: string;
  let contact: { phone: string };

  /** A /wapio call, its response checked against Wapio's OpenAPI. */
  async function call(
    token: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const raw = await t.raw(method, `/wapio${path}`, token, body, headers);
    const parsed = raw.body ? JSON.parse(raw.body) : undefined;
    assert.deepEqual(oracleErrors(method, path, raw.statusCode, parsed), [], `${method} ${path}: ${raw.body}`);
    assert.ok(raw.headers['x-request-id'], 'x-request-id on every response');
    return { statusCode: raw.statusCode, headers: raw.headers, body: parsed, raw };
  }

  before(async () => {
    sim = await startTestSim();
    t = await createTestApp({ overrides: { waWebSocketUrl: sim.handle.wsUrl } });
    ({ token: pat } = await t.createAccount());
    const me = await sim.account(testPhone(), 'Wapio Sender');
    contact = await sim.account(testPhone(), 'Wapio Contact');
    sessionId = await linkSessionByQr(t, pat, sim, me.phone, 'wapio');
    await t.request(pat, 'PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
    const key = await t.request(pat, 'POST', `/v1/sessions/${sessionId}/rotate-key`);
    sessionKey = key.body.session_key.token;
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });

  test('sessions: list with a PAT is paginated; ids are in Wapio form', async () => {
    const res = await call(pat, 'GET', '/v1/whatsapp-sessions?limit=10');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.next_cursor, null);
    const s = res.body.data[0];
    assert.match(s.session_id, /^bps_sess_ws_[A-Za-z0-9_-]{22}$/);
    assert.match(s.account_id, /^bps_acc_/);
    assert.equal(s.status, 'connected');
    wapioId = s.session_id;
    const one = await call(pat, 'GET', `/v1/whatsapp-sessions/${wapioId}`);
    assert.equal(one.body.session_id, wapioId);
  });

  test('create (PAT only) → 201 with a raw key once; a session key gets 403; rotate gives previous_fingerprint', async () => {
    const created = await call(pat, 'POST', '/v1/whatsapp-sessions', { label: 'second', settings: { typing: false } });
    assert.equal(created.statusCode, 201);
    assert.equal(created.body.session.status, 'disconnected');
    assert.match(created.body.session_api_key.fingerprint, /^bps_sk_••••.{4}$/);
    const newId = created.body.session.session_id;
    const newKey = created.body.session_api_key.raw;
    const listed = await call(newKey, 'GET', '/v1/whatsapp-sessions');
    assert.deepEqual(
      listed.body.data.map((s: { session_id: string }) => s.session_id),
      [newId],
      'a session key sees only its session',
    );
    const refused = await call(newKey, 'POST', '/v1/whatsapp-sessions', {});
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.body.reason_code, 'pat_required');
    const rotated = await call(pat, 'POST', `/v1/whatsapp-sessions/${newId}/regenerate-key`);
    assert.equal(rotated.statusCode, 200);
    assert.equal(rotated.body.session_api_key.previous_fingerprint, `bps_sk_••••${newKey.slice(-4)}`);
    assert.equal((await call(newKey, 'GET', '/v1/whatsapp-sessions')).statusCode, 401, 'the old key is revoked');
    const settings = await call(pat, 'PATCH', `/v1/whatsapp-sessions/${newId}/settings`, { always_online: true });
    assert.equal(settings.body.session_settings.always_online, true);

    const deleted = await call(pat, 'DELETE', `/v1/whatsapp-sessions/${newId}`);
    assert.equal(deleted.statusCode, 202);
    assert.equal(deleted.body.session_id, newId);
    const done = await waitFor('the delete operation to finish', async () => {
      const op = await t.request(pat, 'GET', deleted.body.status_url);
      return op.statusCode === 200 && op.body.status === 'succeeded' ? op.body : undefined;
    });
    assert.equal(done.operation_id, deleted.body.operation_id);
  });

  test('send-message with a session key: 202 queued, reaches the contact, same Idempotency-Key → same message', async () => {
    const body = { to: `+${contact.phone}`, text: 'hello from wapio' };
    const headers = { 'idempotency-key': 'order:42:shipped' };
    const res = await call(sessionKey, 'POST', '/api/send-message', body, headers);
    assert.equal(res.statusCode, 202);
    assert.match(res.body.msgId, /^bps_msg_[0-9a-f]{32}$/);
    assert.equal(res.body.jid, `${contact.phone}@s.whatsapp.net`);
    const again = await call(sessionKey, 'POST', '/api/send-message', body, headers);
    assert.equal(again.body.msgId, res.body.msgId);
    const info = await waitFor('the message to reach the contact', async () => {
      const r = await call(sessionKey, 'GET', `/api/messages/${res.body.msgId}/info`);
      const inbox = await sim.control<Array<{ id: string; text?: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      return r.body.provider_msg_id && inbox.some((m) => m.id === r.body.provider_msg_id) ? r.body : undefined;
    });
    assert.equal(info.message_id, res.body.msgId);
    assert.equal(info.session_id, wapioId);
    assert.ok(info.events.length >= 1);
    const inbox = await sim.control<Array<{ id: string; text?: string }>>(
      'GET',
      `/sim/accounts/${contact.phone}/inbox`,
    );
    assert.equal(inbox.filter((m) => m.text === 'hello from wapio').length, 1, 'sent once despite the replay');

    const edit = await call(sessionKey, 'POST', `/api/messages/${res.body.msgId}/edit`, { text: 'edited' });
    assert.equal(edit.statusCode, 200);
  });

  test('send-message with a PAT names session_id; errors are Wapio-shaped', async () => {
    const headers = { 'idempotency-key': 'a1b2c3' };
    const ok = await call(
      pat,
      'POST',
      '/api/send-message',
      { session_id: wapioId, to: `+${contact.phone}`, text: 'via pat' },
      headers,
    );
    assert.equal(ok.statusCode, 202);
    const missing = await call(
      pat,
      'POST',
      '/api/send-message',
      { to: `+${contact.phone}`, text: 'x' },
      { 'idempotency-key': 'k2' },
    );
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(Object.keys(missing.body.errors), ['session_id']);
    const noKey = await call(sessionKey, 'POST', '/api/send-message', { to: `+${contact.phone}`, text: 'x' });
    assert.equal(noKey.statusCode, 422);
    assert.equal(noKey.body.reason_code, 'validation_error');
    const mismatch = await call(
      sessionKey,
      'POST',
      '/api/send-message',
      { session_id: 'bps_sess_ws_AAAAAAAAAAAAAAAAAAAAAA', to: `+${contact.phone}`, text: 'x' },
      { 'idempotency-key': 'k3' },
    );
    assert.equal(mismatch.statusCode, 422);
    assert.equal(mismatch.body.reason_code, 'session_mismatch');
    const noTo = await call(sessionKey, 'POST', '/api/send-message', { text: 'x' }, { 'idempotency-key': 'k4' });
    assert.deepEqual(noTo.body, {
      success: false,
      message: 'Required',
      reason_code: 'validation_error',
      errors: { to: ['Required'] },
    });
    const unknown = await call(pat, 'GET', '/api/messages/bps_msg_00000000000000000000000000000000/info');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.body.reason_code, 'not_found');
    const anon = await t.raw('GET', '/wapio/v1/whatsapp-sessions', null);
    assert.equal(anon.statusCode, 401);
    assert.equal(JSON.parse(anon.body).reason_code, 'unauthorized');
    assert.ok(anon.headers['x-ratelimit-limit'] === undefined || Number(anon.headers['x-ratelimit-reset']) > 1e9);
  });
});

// Wapio's session list (API-CATALOG §3.2 B1): cursor pagination with `limit`/`before_id` also when a
// Wapio status stands for several of wagate's (disconnected), `status` as one value or an array, an
// unknown status 422; a session key sees only its session. Validated by Wapio's OpenAPI.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../support/harness.js';
import { oracleErrors } from './oracle.js';

let t: TestApp;
let pat: string;
const ids: string[] = [];
let key = '';

async function list(token: string, query: string) {
  const res = await t.request(token, 'GET', `/wapio/v1/whatsapp-sessions${query}`);
  assert.deepEqual(
    oracleErrors('GET', '/v1/whatsapp-sessions', res.statusCode, res.body),
    [],
    JSON.stringify(res.body),
  );
  return res;
}

before(async () => {
  t = await createTestApp();
  ({ token: pat } = await t.createAccount());
  for (const label of ['one', 'two', 'three']) {
    const created = await t.request(pat, 'POST', '/wapio/v1/whatsapp-sessions', { label });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    ids.push(created.body.session.session_id);
    key = created.body.session_api_key.raw;
  }
});
after(async () => {
  await t?.close();
});

test('pages of disconnected sessions, newest first, each once', async () => {
  const first = await list(pat, '?status=disconnected&limit=2');
  assert.equal(first.body.data.length, 2);
  assert.ok(first.body.next_cursor);
  const second = await list(pat, `?status=disconnected&limit=2&before_id=${first.body.next_cursor}`);
  assert.equal(second.body.next_cursor, null);
  const seen = [...first.body.data, ...second.body.data].map((s: { session_id: string }) => s.session_id);
  assert.deepEqual(seen, [...ids].reverse());
});

test('status as an array, a status with no sessions, an unknown status, a session key', async () => {
  const both = await list(pat, '?status=connected&status=disconnected');
  assert.equal(both.body.data.length, 3);
  assert.deepEqual((await list(pat, '?status=connected')).body.data, []);
  // 422 is Wapio's answer to bad query input (§3.1), though its document lists none for this path.
  const bad = await t.request(pat, 'GET', '/wapio/v1/whatsapp-sessions?status=sleeping');
  assert.equal(bad.statusCode, 422);
  assert.deepEqual(Object.keys(bad.body.errors), ['status']);
  const own = await list(key, '');
  assert.deepEqual(
    own.body.data.map((s: { session_id: string }) => s.session_id),
    [ids[2]],
  );
  assert.match(own.body.data[0].session_api_key_fingerprint, /^bps_sk_••••.{4}$/);
});

test("another account's token sees none of these sessions: 404 not_found, as for an unknown id", async () => {
  const { token: other } = await t.createAccount();
  assert.deepEqual((await list(other, '')).body.data, []);
  for (const [method, path, body] of [
    ['GET', `/wapio/v1/whatsapp-sessions/${ids[0]}`, undefined],
    ['PATCH', `/wapio/v1/whatsapp-sessions/${ids[0]}`, { label: 'mine now' }],
    ['DELETE', `/wapio/v1/whatsapp-sessions/${ids[0]}`, undefined],
    ['POST', `/wapio/v1/whatsapp-sessions/${ids[0]}/regenerate-key`, undefined],
    ['GET', `/wapio/api/contacts?session_id=${ids[0]}`, undefined],
    ['GET', `/wapio/api/groups?session_id=${ids[0]}`, undefined],
    ['GET', `/wapio/api/whatsapp-sessions/${ids[0]}/message-logs`, undefined],
  ] as const) {
    const res = await t.request(other, method, path, body);
    assert.equal(res.statusCode, 404, `${method} ${path}: ${JSON.stringify(res.body)}`);
    assert.equal(res.body.reason_code, 'not_found');
  }
  const send = await t.raw(
    'POST',
    '/wapio/api/send-message',
    other,
    { session_id: ids[0], to: '+14155550100', text: 'x' },
    { 'idempotency-key': 'cross-tenant' },
  );
  assert.equal(send.statusCode, 404, send.body);
  assert.equal((await list(pat, '')).body.data[2].label, 'one', 'untouched');
});

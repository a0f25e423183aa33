// /v1/sessions: bad input and wrong state. Every case is a 4xx with a stable code and, where a field
// is at fault, its dotted path; nothing is a 500.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { SessionTeardown } from '../../src/core/ports/session-teardown.js';
import { createTestApp, forEachDialect, type TestApp, type TestResponse } from '../support/harness.js';

function assertError(res: TestResponse, status: number, code: string, field?: string | null): void {
  assert.equal(res.statusCode, status, `status of ${res.raw.body}`);
  assert.equal(res.body?.error?.code, code, res.raw.body);
  if (field !== undefined) assert.equal(res.body.error.field, field, res.raw.body);
  assert.match(res.body.error.request_id, /^req_[0-9a-f]{32}$/);
  assert.equal(res.headers['x-request-id'], res.body.error.request_id);
}

/** A teardown that, after hold(), waits until release(), to observe `pending_deletion`. */
function heldTeardown(): SessionTeardown & { hold(): void; release(): void } {
  let gate: Promise<void> = Promise.resolve();
  let open = () => {};
  return {
    teardown: () => gate,
    hold: () => {
      gate = new Promise<void>((r) => (open = r));
    },
    release: () => open(),
  };
}

forEachDialect((dialect) => {
  let t: TestApp;
  let token: string;
  let accountId: string;
  let sessionId: string;
  const teardown = heldTeardown();
  before(async () => {
    t = await createTestApp({ dialect, env: { WAGATE_BODY_LIMIT: '4096' }, overrides: { teardown } });
    ({ token, accountId } = await t.createAccount());
    sessionId = (await t.request(token, 'POST', '/v1/sessions', { name: 'taken' })).body.session.id;
  });
  after(async () => {
    teardown.release();
    await t.close();
  });

  test('malformed JSON → 400 INVALID_JSON', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '{"name": "x",',
    });
    assertError({ statusCode: res.statusCode, headers: res.headers, body: res.json(), raw: res }, 400, 'INVALID_JSON');
  });

  test('a JSON body that is not an object → 400 naming the body', async () => {
    assertError(await t.request(token, 'POST', '/v1/sessions', [1, 2]), 400, 'VALIDATION_FAILED', 'body');
  });

  test('wrong types, unknown fields and bad values name the field', async () => {
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { settings: { typing: 'yes' } }),
      400,
      'VALIDATION_FAILED',
      'settings.typing',
    );
    assertError(await t.request(token, 'POST', '/v1/sessions', { nmae: 'x' }), 400, 'VALIDATION_FAILED', 'nmae');
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { settings: { bogus: true } }),
      400,
      'VALIDATION_FAILED',
      'settings.bogus',
    );
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { name: 'has space' }),
      400,
      'VALIDATION_FAILED',
      'name',
    );
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { name: `ses_${'a'.repeat(32)}` }),
      400,
      'VALIDATION_FAILED',
      'name',
    );
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { name: 'x'.repeat(65) }),
      400,
      'VALIDATION_FAILED',
      'name',
    );
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { phone_number: 'call me' }),
      400,
      'VALIDATION_FAILED',
      'phone_number',
    );
    assertError(await t.request(token, 'POST', '/v1/sessions', { label: '' }), 400, 'VALIDATION_FAILED', 'label');
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { settings: { proxy_url: 'ftp://proxy:21' } }),
      400,
      'VALIDATION_FAILED',
      'settings.proxy_url',
    );
    assertError(
      await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { proxy_url: 'not a url' }),
      400,
      'VALIDATION_FAILED',
      'proxy_url',
    );
    assertError(
      await t.request(token, 'PATCH', `/v1/sessions/${sessionId}`, { status: 'connected' }),
      400,
      'VALIDATION_FAILED',
      'status',
    );
  });

  test('odd bytes and shapes in paths and strings are 4xx, never 500', async () => {
    assertError(await t.request(token, 'GET', '/v1/sessions/%00'), 404, 'SESSION_NOT_FOUND');
    assertError(await t.request(token, 'GET', '/v1/sessions/a%20b'), 404, 'SESSION_NOT_FOUND');
    assertError(await t.request(token, 'GET', '/v1/sessions/%E0%A4%A'), 400, 'BAD_REQUEST');
    assertError(await t.request(token, 'GET', `/v1/sessions/${'x'.repeat(200)}`), 414, 'URI_TOO_LONG');
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { label: 'a\u0000b' }),
      400,
      'VALIDATION_FAILED',
      'label',
    );
    assertError(
      await t.request(token, 'PATCH', `/v1/sessions/${sessionId}`, { label: 'tab\there' }),
      400,
      'VALIDATION_FAILED',
      'label',
    );
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { settings: { proxy_url: 'http://a\u0000b:1' } }),
      400,
      'VALIDATION_FAILED',
      'settings.proxy_url',
    );
    assertError(await t.request(token, 'PATCH', `/v1/sessions/${sessionId}`, null), 400, 'VALIDATION_FAILED', 'body');
  });

  test('query parameters are validated', async () => {
    assertError(await t.request(token, 'GET', '/v1/sessions?limit=0'), 400, 'VALIDATION_FAILED', 'limit');
    assertError(await t.request(token, 'GET', '/v1/sessions?limit=101'), 400, 'VALIDATION_FAILED', 'limit');
    assertError(await t.request(token, 'GET', '/v1/sessions?limit=abc'), 400, 'VALIDATION_FAILED', 'limit');
    assertError(await t.request(token, 'GET', '/v1/sessions?status=sleeping'), 400, 'VALIDATION_FAILED', 'status');
    assertError(await t.request(token, 'GET', '/v1/sessions?cursor=@@@'), 400, 'INVALID_CURSOR', 'cursor');
    assertError(
      await t.request(token, 'GET', `/v1/sessions/${sessionId}/logs?cursor=bm9wZQ`),
      400,
      'INVALID_CURSOR',
      'cursor',
    );
  });

  test('a name already used in the account → 409 SESSION_NAME_TAKEN, on create and on rename', async () => {
    assertError(await t.request(token, 'POST', '/v1/sessions', { name: 'taken' }), 409, 'SESSION_NAME_TAKEN', 'name');
    const other = (await t.request(token, 'POST', '/v1/sessions', { name: 'free' })).body.session.id;
    assertError(
      await t.request(token, 'PATCH', `/v1/sessions/${other}`, { name: 'taken' }),
      409,
      'SESSION_NAME_TAKEN',
      'name',
    );
  });

  test('unknown session → 404 SESSION_NOT_FOUND on every route', async () => {
    const missing = `ses_${'0'.repeat(32)}`;
    for (const [method, path, body] of [
      ['GET', '', undefined],
      ['PATCH', '', { label: 'x' }],
      ['DELETE', '', undefined],
      ['POST', '/rotate-key', undefined],
      ['GET', '/settings', undefined],
      ['PATCH', '/settings', { typing: true }],
      ['GET', '/logs', undefined],
    ] as const) {
      assertError(
        await t.request(token, method, `/v1/sessions/${missing}${path}`, body),
        404,
        'SESSION_NOT_FOUND',
        null,
      );
      assertError(
        await t.request(token, method, `/v1/sessions/no-such-name${path}`, body),
        404,
        'SESSION_NOT_FOUND',
        null,
      );
    }
  });

  test('a body over the limit → 413 PAYLOAD_TOO_LARGE', async () => {
    assertError(
      await t.request(token, 'POST', '/v1/sessions', { label: 'x'.repeat(10_000) }),
      413,
      'PAYLOAD_TOO_LARGE',
    );
  });

  test('a body that is not JSON → 415 UNSUPPORTED_MEDIA_TYPE', async () => {
    const res = await t.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'text/plain' },
      payload: 'name=x',
    });
    assert.equal(res.statusCode, 415);
    assert.equal(res.json().error.code, 'UNSUPPORTED_MEDIA_TYPE');
  });

  test('unknown route → 404 ROUTE_NOT_FOUND', async () => {
    assertError(await t.request(token, 'GET', '/v1/nothing-here'), 404, 'ROUTE_NOT_FOUND');
    assertError(await t.request(null, 'GET', '/nope'), 404, 'ROUTE_NOT_FOUND');
  });

  test('deletions left pending by a stopped process are finished at start-up', async () => {
    const s = (await t.request(token, 'POST', '/v1/sessions', { name: 'stuck' })).body.session;
    // What a crash mid-teardown leaves behind: pending_deletion, nobody working on it.
    await t.container.store.sessions.update(accountId, s.id, {
      status: 'pending_deletion',
      updatedAt: new Date().toISOString(),
    });
    assert.ok((await t.container.services.sessions.resumeDeletions()) >= 1);
    await t.idle();
    assertError(await t.request(token, 'GET', '/v1/sessions/stuck'), 404, 'SESSION_NOT_FOUND');
    const deleted = await t.request(token, 'GET', '/v1/sessions?status=deleted&limit=100');
    assert.ok(deleted.body.data.some((d: { id: string }) => d.id === s.id));
  });

  test('while pending_deletion: visible, changes → 409 SESSION_BEING_DELETED, DELETE again → 202; then deleted', async () => {
    const created = (await t.request(token, 'POST', '/v1/sessions', { name: 'dying' })).body.session;
    teardown.hold();
    assert.equal((await t.request(token, 'DELETE', '/v1/sessions/dying')).statusCode, 202);
    assert.equal((await t.request(token, 'GET', '/v1/sessions/dying')).body.session.status, 'pending_deletion');
    assertError(await t.request(token, 'PATCH', '/v1/sessions/dying', { label: 'x' }), 409, 'SESSION_BEING_DELETED');
    assertError(
      await t.request(token, 'PATCH', '/v1/sessions/dying/settings', { typing: true }),
      409,
      'SESSION_BEING_DELETED',
    );
    assertError(await t.request(token, 'POST', '/v1/sessions/dying/rotate-key'), 409, 'SESSION_BEING_DELETED');
    const again = await t.request(token, 'DELETE', '/v1/sessions/dying');
    assert.equal(again.statusCode, 202);
    assert.equal(again.body.session.status, 'pending_deletion');
    teardown.release();
    await t.idle();
    assertError(await t.request(token, 'GET', `/v1/sessions/${created.id}`), 404, 'SESSION_NOT_FOUND');
    assertError(await t.request(token, 'DELETE', `/v1/sessions/${created.id}`), 404, 'SESSION_NOT_FOUND');
    const logs = await t.container.store.sessionLogs.list(accountId, created.id, { limit: 10 });
    assert.deepEqual(
      logs.map((l) => l.event),
      ['deleted', 'deletion_requested', 'created'],
    );
  });
});

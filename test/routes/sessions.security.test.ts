// /v1/sessions: who may do what. Account A never sees or changes account B's sessions (and learns
// nothing of their existence); a session key is confined to its session and to session-level
// operations; revoked and rotated keys are refused at once; raw tokens are never stored.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

const ROUTES = (ref: string) =>
  [
    ['GET', `/v1/sessions/${ref}`, undefined],
    ['PATCH', `/v1/sessions/${ref}`, { label: 'pwned' }],
    ['DELETE', `/v1/sessions/${ref}`, undefined],
    ['POST', `/v1/sessions/${ref}/rotate-key`, undefined],
    ['GET', `/v1/sessions/${ref}/settings`, undefined],
    ['PATCH', `/v1/sessions/${ref}/settings`, { typing: true }],
    ['GET', `/v1/sessions/${ref}/logs`, undefined],
    // Connection routes: another caller must not link, unlink, restart or read the QR of a session.
    ['POST', `/v1/sessions/${ref}/connect`, undefined],
    ['POST', `/v1/sessions/${ref}/disconnect`, undefined],
    ['POST', `/v1/sessions/${ref}/restart`, undefined],
    ['POST', `/v1/sessions/${ref}/logout`, undefined],
    ['GET', `/v1/sessions/${ref}/qr`, undefined],
    ['POST', `/v1/sessions/${ref}/pairing-code`, { phone_number: '+14155550123' }],
    ['GET', `/v1/sessions/${ref}/me`, undefined],
  ] as const;

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    // Many refused tokens from one address on purpose: the per-address limit on them is tested in limits.security.
    t = await createTestApp({ dialect, env: { WAGATE_AUTH_FAILURES_PER_MINUTE: '100000' } });
  });
  after(() => t.close());

  test('no token, a malformed one, an unknown one or another scheme → 401 UNAUTHORIZED on every /v1 route', async () => {
    const { token } = await t.createAccount();
    const id = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    const unknown = `wg_pat_${'A'.repeat(43)}`;
    for (const [method, url, body] of [
      ['GET', '/v1/sessions', undefined],
      ['POST', '/v1/sessions', {}],
      ...ROUTES(id),
    ] as const) {
      for (const auth of [
        undefined,
        'Bearer',
        'Bearer nonsense',
        `Bearer ${unknown}`,
        `Basic ${Buffer.from('a:b').toString('base64')}`,
        token,
      ]) {
        const res = await t.app.inject({
          method,
          url,
          headers: auth ? { authorization: auth } : {},
          ...(body ? { payload: body } : {}),
        });
        assert.equal(res.statusCode, 401, `${method} ${url} with ${auth}`);
        assert.equal(res.json().error.code, 'UNAUTHORIZED');
      }
    }
  });

  test("account A cannot read, change, delete or rotate account B's sessions: 404 by id and by name, B unchanged", async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const bs = (await t.request(b.token, 'POST', '/v1/sessions', { name: 'b-secret', label: 'B' })).body;
    for (const ref of [bs.session.id, 'b-secret']) {
      for (const [method, url, body] of ROUTES(ref)) {
        const res = await t.request(a.token, method, url, body);
        assert.equal(res.statusCode, 404, `${method} ${url}`);
        assert.equal(res.body.error.code, 'SESSION_NOT_FOUND');
      }
    }
    assert.deepEqual((await t.request(a.token, 'GET', '/v1/sessions')).body.data, []);
    assert.deepEqual((await t.request(a.token, 'GET', '/v1/sessions?status=deleted')).body.data, []);
    const still = await t.request(b.token, 'GET', `/v1/sessions/${bs.session.id}`);
    assert.equal(still.body.session.label, 'B');
    assert.equal(still.body.session.status, 'disconnected');
    assert.equal(still.body.session.settings.typing, false);
    assert.equal(
      (await t.request(bs.session_key.token, 'GET', `/v1/sessions/${bs.session.id}`)).statusCode,
      200,
      "B's key was not rotated",
    );
    // A can use the same name in its own account: names are per account.
    assert.equal((await t.request(a.token, 'POST', '/v1/sessions', { name: 'b-secret' })).statusCode, 201);
  });

  test('a session key cannot see another session of its own account', async () => {
    const { token } = await t.createAccount();
    const one = (await t.request(token, 'POST', '/v1/sessions', { name: 'one' })).body;
    const two = (await t.request(token, 'POST', '/v1/sessions', { name: 'two' })).body;
    for (const ref of [two.session.id, 'two']) {
      for (const [method, url, body] of ROUTES(ref)) {
        const res = await t.request(one.session_key.token, method, url, body);
        assert.ok([403, 404].includes(res.statusCode), `${method} ${url}: ${res.statusCode}`);
        if (res.statusCode === 404) assert.equal(res.body.error.code, 'SESSION_NOT_FOUND');
      }
    }
    assert.equal((await t.request(token, 'GET', `/v1/sessions/${two.session.id}`)).body.session.label, null);
  });

  test('a session key gets 403 TOKEN_KIND_FORBIDDEN on account-only routes, even for its own session', async () => {
    const { token } = await t.createAccount();
    const own = (await t.request(token, 'POST', '/v1/sessions', { name: 'own' })).body;
    const sk = own.session_key.token;
    for (const [method, url] of [
      ['POST', '/v1/sessions'],
      ['DELETE', '/v1/sessions/own'],
      ['POST', '/v1/sessions/own/rotate-key'],
    ] as const) {
      const res = await t.request(sk, method, url, method === 'POST' && url === '/v1/sessions' ? {} : undefined);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.body.error.code, 'TOKEN_KIND_FORBIDDEN');
    }
    assert.equal((await t.request(sk, 'GET', '/v1/sessions/own')).body.session.status, 'disconnected', 'not deleted');
    assert.equal((await t.request(sk, 'GET', '/v1/sessions/own')).statusCode, 200, 'not rotated');
  });

  test('a rotated key is refused at once; so is the key of a deleted session', async () => {
    const { token } = await t.createAccount();
    const s = (await t.request(token, 'POST', '/v1/sessions')).body;
    const rotated = (await t.request(token, 'POST', `/v1/sessions/${s.session.id}/rotate-key`)).body.session_key.token;
    const refused = await t.request(s.session_key.token, 'GET', '/v1/sessions');
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.body.error.code, 'UNAUTHORIZED');
    assert.equal((await t.request(rotated, 'GET', '/v1/sessions')).statusCode, 200);
    assert.equal((await t.request(token, 'DELETE', `/v1/sessions/${s.session.id}`)).statusCode, 202);
    assert.equal(
      (await t.request(rotated, 'GET', '/v1/sessions')).statusCode,
      401,
      'revoked with the 202, before teardown ends',
    );
    await t.idle();
    assert.equal((await t.request(rotated, 'GET', '/v1/sessions')).statusCode, 401);
  });

  test('tokens are stored only as a sha256 hash, with last_used_at recorded', async () => {
    const { token } = await t.createAccount();
    const s = (await t.request(token, 'POST', '/v1/sessions')).body;
    const hash = createHash('sha256').update(s.session_key.token).digest('hex');
    const stored = await t.container.store.tokens.findByHash(hash);
    assert.ok(stored);
    assert.equal(stored.fingerprint, s.session_key.fingerprint);
    assert.equal(JSON.stringify(stored).includes(s.session_key.token), false);
    assert.equal(stored.lastUsedAt, null);
    await t.request(s.session_key.token, 'GET', '/v1/sessions');
    assert.ok((await t.container.store.tokens.findByHash(hash))?.lastUsedAt);
    assert.equal(await t.container.store.tokens.findByHash(s.session_key.token), null);
  });

  test('proxy_url refuses loopback, private and IPv4-embedding hosts at save time (create, update, settings)', async () => {
    const { token } = await t.createAccount();
    const id = (await t.request(token, 'POST', '/v1/sessions', { name: 'px' })).body.session.id;
    for (const proxy of [
      'socks5://127.0.0.1:1080',
      'http://localhost:3128',
      'http://[::1]:8080',
      'http://[::ffff:7f00:1]:8080',
      'socks5://127.0.0.2:1080',
      'http://0x7f000001/',
      'http://[::ffff:127.0.0.1]:1',
    ]) {
      const created = await t.request(token, 'POST', '/v1/sessions', { settings: { proxy_url: proxy } });
      assert.equal(created.statusCode, 400, proxy);
      assert.equal(created.body.error.code, 'URL_NOT_ALLOWED');
      assert.equal(created.body.error.field, 'settings.proxy_url');
      const patched = await t.request(token, 'PATCH', `/v1/sessions/${id}/settings`, { proxy_url: proxy });
      assert.equal(patched.statusCode, 400, proxy);
      assert.equal(patched.body.error.code, 'URL_NOT_ALLOWED');
    }
    assert.equal((await t.request(token, 'GET', `/v1/sessions/${id}/settings`)).body.settings.proxy_url, null);
    // (A name that does not resolve is accepted at save time; not exercised here, since resolving a
    // name would ask the machine's DNS server, and tests talk to loopback only.)
  });

  test('error responses never echo the token', async () => {
    const res = await t.request(`wg_pat_${'B'.repeat(43)}`, 'GET', '/v1/sessions');
    assert.equal(res.raw.body.includes('B'.repeat(43)), false);
  });
});

// /v1/account and /v1/tokens: the caller's account, and its personal access tokens (list, create
// shown once, revoke). Happy, error and security cases: PAT only, a revoked token is refused on the
// very next request, account A can neither see nor revoke account B's tokens.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect });
  });
  after(() => t.close());

  test('GET /v1/account shows the account and the calling token, for a PAT and for a session key', async () => {
    const { accountId, token } = await t.createAccount('acme');
    const res = await t.request(token, 'GET', '/v1/account');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.account.id, accountId);
    assert.equal(res.body.account.name, 'acme');
    assert.equal(res.body.token.kind, 'pat');
    assert.equal(res.body.token.session_id, null);
    assert.match(res.body.token.id, /^pat_/);

    const created = (await t.request(token, 'POST', '/v1/sessions', { name: 'k' })).body;
    const bySk = await t.request(created.session_key.token, 'GET', '/v1/account');
    assert.equal(bySk.statusCode, 200);
    assert.equal(bySk.body.account.id, accountId);
    assert.deepEqual([bySk.body.token.kind, bySk.body.token.session_id], ['session_key', created.session.id]);
    assert.equal((await t.request(null, 'GET', '/v1/account')).statusCode, 401);
  });

  test('create shows the raw token once, stores only its hash; the new token works; list never shows values', async () => {
    const { accountId, token } = await t.createAccount();
    const created = await t.request(token, 'POST', '/v1/tokens', { name: 'ci' });
    assert.equal(created.statusCode, 201);
    const raw: string = created.body.token.token;
    assert.match(raw, /^wg_pat_[0-9A-Za-z]{43}$/);
    assert.equal(created.body.token.name, 'ci');
    assert.equal(created.body.token.fingerprint, `wg_pat_...${raw.slice(-4)}`);
    assert.equal(created.body.token.current, false);

    const me = await t.request(raw, 'GET', '/v1/account');
    assert.equal(me.body.account.id, accountId, 'the new token acts on the same account');
    assert.equal(me.body.token.id, created.body.token.id);

    const list = await t.request(token, 'GET', '/v1/tokens');
    assert.equal(list.statusCode, 200);
    assert.deepEqual(
      list.body.data.map((x: { name: string }) => x.name),
      ['default', 'ci'],
    );
    assert.deepEqual(
      list.body.data.map((x: { current: boolean }) => x.current),
      [true, false],
    );
    assert.ok(!list.raw.body.includes(raw), 'the list never carries a raw token');
    const stored = await t.container.store.tokens.findByHash(createHash('sha256').update(raw).digest('hex'));
    assert.equal(stored?.id, created.body.token.id, 'stored by its sha256 only');
    assert.equal(JSON.stringify(stored).includes(raw), false);
  });

  test('a revoked token is refused on the very next request; its id is then not found; the last one cannot go', async () => {
    const { token } = await t.createAccount();
    const second = (await t.request(token, 'POST', '/v1/tokens', { name: 'temp' })).body.token;
    assert.equal((await t.request(second.token, 'GET', '/v1/sessions')).statusCode, 200);

    const revoked = await t.request(token, 'DELETE', `/v1/tokens/${second.id}`);
    assert.equal(revoked.statusCode, 200);
    assert.deepEqual(revoked.body, { revoked: true, id: second.id });
    const refused = await t.request(second.token, 'GET', '/v1/sessions');
    assert.equal(refused.statusCode, 401);
    assert.equal(refused.body.error.code, 'UNAUTHORIZED');

    const again = await t.request(token, 'DELETE', `/v1/tokens/${second.id}`);
    assert.equal(again.statusCode, 404);
    assert.equal(again.body.error.code, 'TOKEN_NOT_FOUND');
    assert.deepEqual(
      (await t.request(token, 'GET', '/v1/tokens')).body.data.map((x: { name: string }) => x.name),
      ['default'],
    );

    const me = (await t.request(token, 'GET', '/v1/account')).body.token.id;
    const last = await t.request(token, 'DELETE', `/v1/tokens/${me}`);
    assert.equal(last.statusCode, 409);
    assert.equal(last.body.error.code, 'LAST_TOKEN');
    assert.equal((await t.request(token, 'GET', '/v1/account')).statusCode, 200, 'the last token still works');
  });

  test('a token may revoke itself when another remains, and is refused right after', async () => {
    const { token } = await t.createAccount();
    const other = (await t.request(token, 'POST', '/v1/tokens', { name: 'spare' })).body.token;
    const me = (await t.request(token, 'GET', '/v1/account')).body.token.id;
    assert.equal((await t.request(token, 'DELETE', `/v1/tokens/${me}`)).statusCode, 200);
    assert.equal((await t.request(token, 'GET', '/v1/tokens')).statusCode, 401);
    assert.equal((await t.request(other.token, 'GET', '/v1/tokens')).body.data.length, 1);
  });

  test('a session key gets 403 TOKEN_KIND_FORBIDDEN on every token route', async () => {
    const { token } = await t.createAccount();
    const sk = (await t.request(token, 'POST', '/v1/sessions')).body.session_key.token;
    const pat = (await t.request(token, 'GET', '/v1/account')).body.token.id;
    for (const [method, url, body] of [
      ['GET', '/v1/tokens', undefined],
      ['POST', '/v1/tokens', { name: 'escalate' }],
      ['DELETE', `/v1/tokens/${pat}`, undefined],
    ] as const) {
      const res = await t.request(sk, method, url, body);
      assert.equal(res.statusCode, 403, `${method} ${url}`);
      assert.equal(res.body.error.code, 'TOKEN_KIND_FORBIDDEN');
    }
    assert.equal((await t.request(token, 'GET', '/v1/tokens')).body.data.length, 1, 'nothing was created');
  });

  test("account A can neither see nor revoke account B's tokens (404, B's token still works)", async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const bSpare = (await t.request(b.token, 'POST', '/v1/tokens', { name: 'b-spare' })).body.token;
    const aList = await t.request(a.token, 'GET', '/v1/tokens');
    assert.deepEqual(
      aList.body.data.map((x: { name: string }) => x.name),
      ['default'],
    );
    const res = await t.request(a.token, 'DELETE', `/v1/tokens/${bSpare.id}`);
    assert.equal(res.statusCode, 404);
    assert.equal(res.body.error.code, 'TOKEN_NOT_FOUND');
    assert.equal((await t.request(bSpare.token, 'GET', '/v1/account')).statusCode, 200);
  });

  test('bad input: missing, empty, too long or unknown fields → 400 naming the field; a session key id is not a PAT', async () => {
    const { token } = await t.createAccount();
    for (const [body, field] of [
      [{}, 'name'],
      [{ name: '' }, 'name'],
      [{ name: '   ' }, 'name'],
      [{ name: 'x'.repeat(101) }, 'name'],
      [{ name: 'ok', scope: 'admin' }, 'scope'],
    ] as const) {
      const res = await t.request(token, 'POST', '/v1/tokens', body);
      assert.equal(res.statusCode, 400, JSON.stringify(body));
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.equal(res.body.error.field, field, JSON.stringify(body));
    }
    const invalidJson = await t.raw('POST', '/v1/tokens', token, '{"name":', { 'content-type': 'application/json' });
    assert.equal(invalidJson.statusCode, 400);
    const created = (await t.request(token, 'POST', '/v1/sessions')).body;
    const skId = (await t.request(created.session_key.token, 'GET', '/v1/account')).body.token.id;
    const res = await t.request(token, 'DELETE', `/v1/tokens/${skId}`);
    assert.equal(res.statusCode, 404, 'session keys are revoked by rotating them, not here');
    assert.equal((await t.request(created.session_key.token, 'GET', '/v1/account')).statusCode, 200);
  });

  test('the OpenAPI document lists the account and token operations', async () => {
    const doc = (await t.request(null, 'GET', '/docs/json')).body;
    const ops = Object.values(doc.paths as Record<string, Record<string, { operationId?: string }>>).flatMap((p) =>
      Object.values(p).map((o) => o.operationId),
    );
    for (const id of ['account.get', 'tokens.list', 'tokens.create', 'tokens.revoke']) assert.ok(ops.includes(id), id);
  });
});

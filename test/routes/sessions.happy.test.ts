// /v1/sessions: the paths a user takes when everything is right.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect, env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
  });
  after(() => t.close());

  test('create returns the session and its key once; the key works', async () => {
    const { token } = await t.createAccount();
    const res = await t.request(token, 'POST', '/v1/sessions', {
      name: 'sales-1',
      label: 'Sales',
      phone_number: '+1 (415) 555-0123',
      settings: { typing: true, proxy_url: 'socks5://127.0.0.1:1080' },
    });
    assert.equal(res.statusCode, 201);
    const { session, session_key } = res.body;
    assert.match(session.id, /^ses_[0-9a-f]{32}$/);
    // The integer alias counts across the whole server: exposing it would reveal other tenants' volume.
    assert.equal('seq' in session, false);
    assert.equal(session.name, 'sales-1');
    assert.equal(session.label, 'Sales');
    assert.equal(session.phone_number, '+14155550123');
    assert.equal(session.status, 'disconnected');
    assert.equal(session.node, null, 'no node holds a session that was never connected');
    assert.deepEqual(session.settings, {
      account_protection: true,
      read_incoming: false,
      auto_reject_calls: false,
      always_online: false,
      ignore_groups: false,
      ignore_broadcasts: false,
      ignore_channels: false,
      typing: true,
      log_messages: true,
      download_media: true,
      proxy_url: 'socks5://127.0.0.1:1080',
    });
    assert.match(session_key.token, /^wg_sk_[0-9A-Za-z]{43}$/);
    assert.equal(session_key.fingerprint, `wg_sk_...${session_key.token.slice(-4)}`);

    const own = await t.request(session_key.token, 'GET', `/v1/sessions/${session.id}`);
    assert.equal(own.statusCode, 200);
    assert.equal(own.body.session.id, session.id);
    const again = await t.request(token, 'GET', `/v1/sessions/${session.id}`);
    assert.equal(JSON.stringify(again.body).includes(session_key.token), false, 'the raw key is never shown again');
  });

  test('create needs no body at all, or an empty JSON body', async () => {
    const { token } = await t.createAccount();
    const a = await t.request(token, 'POST', '/v1/sessions');
    assert.equal(a.statusCode, 201);
    assert.equal(a.body.session.name, null);
    const b = await t.app.inject({
      method: 'POST',
      url: '/v1/sessions',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: '',
    });
    assert.equal(b.statusCode, 201);
  });

  test('get and every other path accept the name instead of the id', async () => {
    const { token } = await t.createAccount();
    const created = await t.request(token, 'POST', '/v1/sessions', { name: 'f8377d8d-a589-4242-9ba6-9486a04ef80c' });
    const byName = await t.request(token, 'GET', '/v1/sessions/f8377d8d-a589-4242-9ba6-9486a04ef80c');
    assert.equal(byName.statusCode, 200);
    assert.equal(byName.body.session.id, created.body.session.id);
    const settings = await t.request(token, 'GET', '/v1/sessions/f8377d8d-a589-4242-9ba6-9486a04ef80c/settings');
    assert.equal(settings.body.settings.account_protection, true);
  });

  test('list is newest first, paginates with a cursor and filters by status', async () => {
    const { token } = await t.createAccount();
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await t.request(token, 'POST', '/v1/sessions', { name: `s${i}` })).body.session.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res = await t.request(token, 'GET', `/v1/sessions?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      assert.equal(res.statusCode, 200);
      assert.ok(res.body.data.length <= 2);
      seen.push(...res.body.data.map((s: { id: string }) => s.id));
      cursor = res.body.next_cursor;
    } while (cursor);
    assert.deepEqual(seen, [...ids].reverse());
    const none = await t.request(token, 'GET', '/v1/sessions?status=connected');
    assert.deepEqual(none.body, { data: [], next_cursor: null });
    const all = await t.request(token, 'GET', '/v1/sessions?status=disconnected&limit=100');
    assert.equal(all.body.data.length, 5);
  });

  test('PATCH changes fields, merges settings, null clears; logs record it', async () => {
    const { token } = await t.createAccount();
    const { session } = (
      await t.request(token, 'POST', '/v1/sessions', { name: 'p1', label: 'Old', settings: { typing: true } })
    ).body;
    const res = await t.request(token, 'PATCH', `/v1/sessions/${session.id}`, {
      name: 'p2',
      label: null,
      settings: { read_incoming: true },
    });
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.session.name, 'p2');
    assert.equal(res.body.session.label, null);
    assert.equal(res.body.session.settings.read_incoming, true);
    assert.equal(res.body.session.settings.typing, true, 'untouched settings keep their value');
    assert.equal((await t.request(token, 'GET', '/v1/sessions/p1')).statusCode, 404, 'the old name is gone');
    assert.equal((await t.request(token, 'GET', '/v1/sessions/p2')).statusCode, 200);

    const logs = await t.request(token, 'GET', `/v1/sessions/${session.id}/logs`);
    assert.equal(logs.statusCode, 200);
    assert.deepEqual(
      logs.body.data.map((l: { event: string }) => l.event),
      ['settings_changed', 'updated', 'created'],
    );
    assert.deepEqual(logs.body.data[0].detail, { fields: ['read_incoming'] });
  });

  test('settings: GET and PATCH (merge); a PATCH that changes nothing writes no log', async () => {
    const { token } = await t.createAccount();
    const { session } = (await t.request(token, 'POST', '/v1/sessions')).body;
    const patched = await t.request(token, 'PATCH', `/v1/sessions/${session.id}/settings`, {
      always_online: true,
      proxy_url: 'http://127.0.0.1:8080',
    });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.body.settings.always_online, true);
    assert.equal(patched.body.settings.proxy_url, 'http://127.0.0.1:8080');
    assert.equal(patched.body.settings.log_messages, true);
    const cleared = await t.request(token, 'PATCH', `/v1/sessions/${session.id}/settings`, { proxy_url: null });
    assert.equal(cleared.body.settings.proxy_url, null);
    const same = await t.request(token, 'PATCH', `/v1/sessions/${session.id}/settings`, { always_online: true });
    assert.equal(same.statusCode, 200);
    const got = await t.request(token, 'GET', `/v1/sessions/${session.id}/settings`);
    assert.deepEqual(got.body.settings, cleared.body.settings);
    const logs = await t.request(token, 'GET', `/v1/sessions/${session.id}/logs?limit=10`);
    assert.equal(logs.body.data.filter((l: { event: string }) => l.event === 'settings_changed').length, 2);
  });

  test('rotate-key: the new key works, the old one is refused at once', async () => {
    const { token } = await t.createAccount();
    const created = (await t.request(token, 'POST', '/v1/sessions')).body;
    const old = created.session_key;
    const res = await t.request(token, 'POST', `/v1/sessions/${created.session.id}/rotate-key`);
    assert.equal(res.statusCode, 200);
    const fresh = res.body.session_key;
    assert.notEqual(fresh.token, old.token);
    assert.equal(fresh.previous_fingerprint, old.fingerprint);
    assert.equal((await t.request(old.token, 'GET', `/v1/sessions/${created.session.id}`)).statusCode, 401);
    assert.equal((await t.request(fresh.token, 'GET', `/v1/sessions/${created.session.id}`)).statusCode, 200);
    const logs = await t.request(token, 'GET', `/v1/sessions/${created.session.id}/logs?limit=1`);
    assert.equal(logs.body.data[0].event, 'key_rotated');
    assert.ok(logs.body.next_cursor, 'more log entries on the next page');
    const next = await t.request(
      token,
      'GET',
      `/v1/sessions/${created.session.id}/logs?limit=1&cursor=${logs.body.next_cursor}`,
    );
    assert.equal(next.body.data[0].event, 'created');
  });

  test('DELETE: 202 pending_deletion, key revoked, then deleted: 404, listed only with status=deleted, name reusable', async () => {
    const { token } = await t.createAccount();
    const created = (await t.request(token, 'POST', '/v1/sessions', { name: 'gone' })).body;
    const del = await t.request(token, 'DELETE', '/v1/sessions/gone');
    assert.equal(del.statusCode, 202);
    assert.equal(del.body.session.status, 'pending_deletion');
    assert.equal((await t.request(created.session_key.token, 'GET', '/v1/sessions')).statusCode, 401);
    await t.idle();
    assert.equal((await t.request(token, 'GET', `/v1/sessions/${created.session.id}`)).statusCode, 404);
    assert.deepEqual((await t.request(token, 'GET', '/v1/sessions')).body.data, []);
    const deleted = await t.request(token, 'GET', '/v1/sessions?status=deleted');
    assert.equal(deleted.body.data.length, 1);
    assert.equal(deleted.body.data[0].status, 'deleted');
    assert.ok(deleted.body.data[0].deleted_at);
    const reused = await t.request(token, 'POST', '/v1/sessions', { name: 'gone' });
    assert.equal(reused.statusCode, 201);
    assert.notEqual(reused.body.session.id, created.session.id);
  });

  test('a session key can read and change its own settings and sees only its session in the list', async () => {
    const { token } = await t.createAccount();
    const mine = (await t.request(token, 'POST', '/v1/sessions', { name: 'mine' })).body;
    await t.request(token, 'POST', '/v1/sessions', { name: 'other' });
    const sk = mine.session_key.token;
    const list = await t.request(sk, 'GET', '/v1/sessions');
    assert.deepEqual(
      list.body.data.map((s: { id: string }) => s.id),
      [mine.session.id],
    );
    const patched = await t.request(sk, 'PATCH', '/v1/sessions/mine/settings', { ignore_groups: true });
    assert.equal(patched.statusCode, 200);
    assert.equal(patched.body.settings.ignore_groups, true);
    assert.equal((await t.request(sk, 'GET', '/v1/sessions/mine/logs')).statusCode, 200);
  });
});

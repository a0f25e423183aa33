// Issue 20, per-session proxies, end to end through the simulator: a session linked and sending
// through an HTTP CONNECT proxy and through a SOCKS5 proxy (both on loopback), where each proxy's own
// counters show every connection of that session (WebSocket, media upload, media download) and none
// of another session; switching the proxy moves the connection without a new link; removing it goes
// direct; a wrong password gives PROXY_AUTH_FAILED and a dead proxy PROXY_UNREACHABLE. The proxy's
// password is sealed at rest and masked in every answer.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import Database from 'better-sqlite3';
import type { DatabaseConfig } from '../../src/app/config.js';
import { startHttpConnectProxy, startSocks5Proxy, type TestProxy } from '../support/proxies.js';
import { linkSessionByQr, testPhone, useSimApp, waitFor, waitForStatus } from '../support/sim.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

function sqliteFile(database: DatabaseConfig): string {
  if (database.kind !== 'sqlite') throw new Error('this test reads the SQLite file');
  return database.file;
}

describe('per-session proxies', () => {
  const ctx = useSimApp({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1', WAGATE_MASTER_KEY: 'proxy-test-master-key-0123456789abcdef' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
  });
  let http: TestProxy;
  let socks: TestProxy;
  before(async () => {
    http = await startHttpConnectProxy({ alice: 'http-secret', carol: 'carol-secret' });
    socks = await startSocks5Proxy({ bob: 'socks-secret' });
  });
  after(async () => {
    await http?.close();
    await socks?.close();
  });

  const wsTarget = () => new URL(ctx.sim.handle.wsUrl).host;
  const mediaTarget = () => ctx.sim.handle.mediaHost;

  /** Creates a session with `settings`, links it by QR to a new simulated phone, returns both. */
  async function linked(settings: Record<string, unknown>): Promise<{ sessionId: string; phone: string }> {
    const me = await ctx.sim.account(testPhone(), 'Proxied');
    const created = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', { settings });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    const sessionId: string = created.body.session.id;
    await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${sessionId}/connect`);
    const qr = await waitFor('a QR code', async () => {
      const res = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}/qr`);
      return res.statusCode === 200 ? (res.body.qr as string) : undefined;
    });
    await ctx.sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr });
    await waitForStatus(ctx.t, ctx.token, sessionId, 'connected');
    return { sessionId, phone: me.phone };
  }

  async function sendText(sessionId: string, to: string, text: string): Promise<void> {
    const res = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: `+${to}`, text });
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    await waitFor(`"${text}" in the contact's inbox`, async () => {
      const inbox = await ctx.sim.control<Array<{ text?: string }>>('GET', `/sim/accounts/${to}/inbox`);
      return inbox.some((i) => i.text === text);
    });
  }

  const count = (p: TestProxy, user: string, target: string) =>
    p.tunnels.filter((t) => t.user === user && t.target === target).length;

  test('HTTP CONNECT: link, text, media out and in all go through the proxy; another session does not', async () => {
    const contact = await ctx.sim.account(testPhone(), 'Proxy Contact');
    const { sessionId, phone } = await linked({ proxy_url: http.url('alice', 'http-secret'), download_media: true });
    assert.ok(count(http, 'alice', wsTarget()) >= 1, `the WebSocket went through: ${JSON.stringify(http.tunnels)}`);

    // The password is masked in answers and sealed at rest.
    const got = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(got.body.session.settings.proxy_url, `http://alice:****@127.0.0.1:${http.port}`);
    const settings = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}/settings`);
    assert.equal(settings.body.settings.proxy_url, `http://alice:****@127.0.0.1:${http.port}`);
    const db = new Database(sqliteFile(ctx.t.config.database), { readonly: true });
    const stored = db.prepare('select settings from sessions where id = ?').get(sessionId) as { settings: string };
    db.close();
    assert.match(stored.settings, /sealed:v1:/);
    assert.ok(!stored.settings.includes('http-secret'), 'the password is not stored in clear');
    // Sending the masked form back (a client saving the settings it read) keeps the real URL.
    await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, settings.body.settings);

    await sendText(sessionId, contact.phone, 'through the http proxy');

    // Media upload through the proxy.
    const uploadsBefore = count(http, 'alice', mediaTarget());
    const up = await ctx.t.request(ctx.token, 'POST', '/v1/media', {
      base64: PNG.toString('base64'),
      mimetype: 'image/png',
    });
    assert.equal(up.statusCode, 201, JSON.stringify(up.body));
    const sent = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      image: { media_id: up.body.media.id },
    });
    assert.equal(sent.statusCode, 202);
    await waitFor('the contact to decrypt the image', async () => {
      const inbox = await ctx.sim.control<Array<{ type: string; media?: { sha256?: string } }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      return inbox.some((i) => i.type === 'image' && i.media?.sha256);
    });
    assert.ok(count(http, 'alice', mediaTarget()) > uploadsBefore, 'the upload went through the proxy');

    // Inbound media downloaded through the proxy.
    const downloadsBefore = count(http, 'alice', mediaTarget());
    const inbound = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: phone,
      image: { base64: PNG.toString('base64'), mimetype: 'image/png' },
    });
    const message = await waitFor('the inbound image stored', async () => {
      const list = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ id: string; wa_id: string }>).find((m) => m.wa_id === inbound.id);
    });
    await waitFor('its media downloaded', async () => {
      const res = await ctx.t.request(ctx.token, 'GET', `/v1/messages/${message.id}/media`);
      return res.body.data?.[0];
    });
    assert.ok(count(http, 'alice', mediaTarget()) > downloadsBefore, 'the download went through the proxy');

    // A second, direct session: the proxy sees none of its connections.
    const before = http.tunnels.length;
    const other = await linked({});
    await sendText(other.sessionId, contact.phone, 'direct, not proxied');
    assert.equal(http.tunnels.length, before, `no tunnel for the direct session: ${JSON.stringify(http.tunnels)}`);
  });

  test('SOCKS5: linked and sending through it; switching to another proxy and then to none needs no new link', async () => {
    const contact = await ctx.sim.account(testPhone(), 'Socks Contact');
    const { sessionId } = await linked({ proxy_url: socks.url('bob', 'socks-secret') });
    assert.ok(count(socks, 'bob', wsTarget()) >= 1, `the WebSocket went through: ${JSON.stringify(socks.tunnels)}`);
    await sendText(sessionId, contact.phone, 'through socks');

    // Switch to the HTTP proxy (user carol): the session reconnects through it with its credentials.
    const carolBefore = count(http, 'carol', wsTarget());
    const socksBefore = socks.tunnels.length;
    const patched = await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, {
      proxy_url: http.url('carol', 'carol-secret'),
    });
    assert.equal(patched.statusCode, 200, JSON.stringify(patched.body));
    await waitFor('a connection through the new proxy', async () => count(http, 'carol', wsTarget()) > carolBefore);
    await waitForStatus(ctx.t, ctx.token, sessionId, 'connected');
    await sendText(sessionId, contact.phone, 'through the new proxy');
    assert.equal(socks.tunnels.length, socksBefore, 'nothing more through the old proxy');
    const qr = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}/qr`);
    assert.notEqual(qr.statusCode, 200, 'no new QR: the link was kept');

    // Remove the proxy: direct again.
    const httpBefore = http.tunnels.length;
    await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { proxy_url: null });
    await waitFor('the reconnect', async () => {
      const logs = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}/logs?limit=100`);
      return (
        (logs.body.data as Array<{ event: string; detail: { to?: string } }>).filter(
          (l) => l.event === 'status_changed' && l.detail.to === 'connected',
        ).length >= 3
      );
    });
    await waitForStatus(ctx.t, ctx.token, sessionId, 'connected');
    await sendText(sessionId, contact.phone, 'direct again');
    assert.equal(http.tunnels.length, httpBefore, 'no tunnel once the proxy is removed');
  });

  test('a wrong password gives PROXY_AUTH_FAILED, a dead proxy PROXY_UNREACHABLE (HTTP and SOCKS5)', async () => {
    const { sessionId } = await linked({});
    const lastError = async (proxyUrl: string, code: string) => {
      const since = new Date().toISOString();
      await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { proxy_url: proxyUrl });
      await waitFor(`last_error ${code} after ${since}`, async () => {
        const res = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${sessionId}`);
        const error = res.body.session.last_error;
        return error?.code === code && error.at >= since;
      });
    };
    await lastError(http.url('alice', 'wrong'), 'PROXY_AUTH_FAILED');
    assert.ok(http.refused > 0, 'the proxy refused the credentials');
    await lastError(socks.url('bob', 'wrong'), 'PROXY_AUTH_FAILED');
    assert.ok(socks.refused > 0, 'the SOCKS5 proxy refused the credentials');
    await lastError('http://127.0.0.1:9', 'PROXY_UNREACHABLE');
    await lastError('socks5://u:p@127.0.0.1:9', 'PROXY_UNREACHABLE');
    // The right proxy again: connected, and the error is cleared.
    await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, {
      proxy_url: http.url('alice', 'http-secret'),
    });
    await waitForStatus(ctx.t, ctx.token, sessionId, 'connected', 60_000);
  });
});

describe('the proxy guard without WAGATE_ALLOW_PRIVATE_URLS', () => {
  const ctx = useSimApp();

  test('a private proxy is refused when saved, naming the field', async () => {
    const res = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', {
      settings: { proxy_url: 'socks5://u:p@127.0.0.1:1080' },
    });
    assert.equal(res.statusCode, 400, JSON.stringify(res.body));
    assert.equal(res.body.error.code, 'URL_NOT_ALLOWED');
    assert.equal(res.body.error.field, 'settings.proxy_url');
  });

  test('…and when connecting (a proxy saved while private URLs were allowed): PROXY_NOT_ALLOWED', async () => {
    const { accountId, token } = await ctx.t.createAccount();
    const created = await ctx.t.request(token, 'POST', '/v1/sessions', {});
    const sessionId: string = created.body.session.id;
    // Written to the store directly, as a server started with WAGATE_ALLOW_PRIVATE_URLS=1 would have saved it.
    const current = await ctx.t.container.store.sessions.findByRef(accountId, sessionId);
    assert.ok(current);
    await ctx.t.container.store.sessions.update(accountId, sessionId, {
      updatedAt: new Date().toISOString(),
      settings: { ...current.settings, proxy_url: 'http://127.0.0.1:9' },
    });
    await ctx.t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`);
    await waitFor('last_error PROXY_NOT_ALLOWED', async () => {
      const res = await ctx.t.request(token, 'GET', `/v1/sessions/${sessionId}`);
      return res.body.session.last_error?.code === 'PROXY_NOT_ALLOWED';
    });
  });

  test('linkSessionByQr still works direct (the guard does not touch sessions without a proxy)', async () => {
    const me = await ctx.sim.account(testPhone(), 'Direct');
    await linkSessionByQr(ctx.t, ctx.token, ctx.sim, me.phone);
  });
});

describe('WAGATE_PROXY_URL: the default proxy of sessions without their own', () => {
  // Filled before the app starts (this hook runs before useSimApp's, which reads the object then).
  const env: Record<string, string> = { WAGATE_ALLOW_PRIVATE_URLS: '1' };
  let fallback: TestProxy;
  before(async () => {
    fallback = await startHttpConnectProxy({ operator: 'op-secret' });
    env.WAGATE_PROXY_URL = fallback.url('operator', 'op-secret');
  });
  after(async () => fallback?.close());
  const ctx = useSimApp({ env });

  test('a session without proxy_url connects through it; its own proxy_url overrides it', async () => {
    const me = await ctx.sim.account(testPhone(), 'Default Proxied');
    const sessionId = await linkSessionByQr(ctx.t, ctx.token, ctx.sim, me.phone);
    const ws = new URL(ctx.sim.handle.wsUrl).host;
    assert.ok(
      fallback.tunnels.some((t) => t.user === 'operator' && t.target === ws),
      JSON.stringify(fallback.tunnels),
    );
    const own = await startSocks5Proxy({ mine: 'pw' });
    try {
      const before = fallback.tunnels.length;
      await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${sessionId}/settings`, {
        proxy_url: own.url('mine', 'pw'),
      });
      await waitFor('a connection through its own proxy', async () => own.tunnels.some((t) => t.target === ws));
      await waitForStatus(ctx.t, ctx.token, sessionId, 'connected');
      assert.equal(fallback.tunnels.length, before, 'nothing more through the default');
    } finally {
      await own.close();
    }
  });
});

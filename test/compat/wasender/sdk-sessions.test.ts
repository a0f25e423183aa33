// Issue 13, sessions: the official `wasenderapi` SDK (unmodified) drives wagate's /wasender/api
// against the simulator: create → connect (QR) → the simulated phone links → getSessionStatus()
// says connected; get/list/update/regenerate-key/user/logs/disconnect/delete; the session is a
// wagate session visible on /v1; errors come in the vendor's envelope.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createWasender, WasenderAPIError } from 'wasenderapi';
import { testPhone, useSimApp, waitFor } from '../../support/sim.js';

/** The SDK keeps `fetch` unbound on its instance; hand it a plain function. */
const sdkFetch = (url: string, init?: RequestInit) => fetch(url, init);

describe('wasender compat: the SDK drives the session flow', () => {
  const ctx = useSimApp();
  let base = '';

  before(async () => {
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const addr = ctx.t.app.server.address();
    assert.ok(addr && typeof addr === 'object');
    base = `http://127.0.0.1:${addr.port}/wasender/api`;
  });
  after(async () => {
    // the harness closes the app (and its listener)
  });

  test('create → connect → QR → phone links → connected; the rest of the session methods', async () => {
    const { sim, t, token } = ctx;
    const phone = await sim.account(testPhone(), 'Wasender Phone');
    const pat = createWasender(undefined, token, base, sdkFetch, { enabled: false });

    const created = await pat.createWhatsAppSession({
      name: 'Business WhatsApp',
      phone_number: `+${phone.phone}`,
      account_protection: false,
      log_messages: true,
    });
    // The SDK's types omit api_key and the settings it does not echo; the wire carries them.
    const session = created.response.data as unknown as { id: number; name: string; status: string; api_key: string };
    assert.equal(typeof session.id, 'number');
    assert.equal(session.name, 'Business WhatsApp');
    assert.equal(session.status, 'disconnected');
    assert.match(String(session.api_key), /^wg_sk_/);

    const connect = await pat.connectWhatsAppSession(session.id);
    assert.equal(connect.response.data.status, 'NEED_SCAN');
    const qr = await pat.getWhatsAppSessionQRCode(session.id);
    assert.equal(typeof qr.response.data.qrCode, 'string');
    await sim.control('POST', `/sim/accounts/${phone.phone}/link`, { qr: qr.response.data.qrCode });

    const key = createWasender(String(session.api_key), undefined, base, sdkFetch, { enabled: false });
    await waitFor('getSessionStatus() says connected', async () => {
      const st = await key.getSessionStatus();
      return (st.response as { status: string }).status === 'connected' ? true : undefined;
    });

    // A wasender session is a wagate session: /v1 lists it under the same account.
    const v1 = await t.request(token, 'GET', '/v1/sessions');
    const listed = v1.body.data.find((s: { seq?: number; label?: string }) => s.label === 'Business WhatsApp');
    assert.ok(listed, 'visible on /v1');

    const details = await pat.getWhatsAppSessionDetails(session.id);
    assert.equal(details.response.data.id, session.id);
    assert.equal(details.response.data.status, 'connected');
    const all = await pat.getAllWhatsAppSessions();
    assert.ok(all.response.data.some((s: { id: number }) => s.id === session.id));

    const updated = await pat.updateWhatsAppSession(session.id, { name: 'Renamed', read_incoming_messages: true } as {
      name: string;
    });
    assert.equal(updated.response.data.name, 'Renamed');
    assert.equal((updated.response.data as unknown as Record<string, unknown>)['read_incoming_messages'], true);

    const again = await pat.connectWhatsAppSession(session.id);
    assert.equal(again.response.data.status, 'CONNECTED');

    const user = await fetch(`${base}/user`, { headers: { authorization: `Bearer ${session.api_key}` } });
    const userBody = (await user.json()) as { success: boolean; data: { id: string } };
    assert.equal(userBody.success, true);
    assert.equal(userBody.data.id, `${phone.phone}@s.whatsapp.net`);

    const logs = await fetch(`${base}/whatsapp-sessions/${session.id}/session-logs?per_page=5`, {
      headers: { authorization: `Bearer ${token}` },
    });
    const logsBody = (await logs.json()) as { data: { data: unknown[]; per_page: number; current_page: number } };
    assert.equal(logsBody.data.per_page, 5);
    assert.ok(logsBody.data.data.length > 0);

    const regenerated = await pat.regenerateApiKey(session.id);
    const newKey = (regenerated.response as { api_key: string }).api_key;
    assert.match(newKey, /^wg_sk_/);
    // The old key no longer works: 401 with the vendor's message.
    await assert.rejects(key.getSessionStatus(), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 401);
      assert.equal(err.apiMessage, 'Invalid API key');
      return true;
    });
    const fresh = createWasender(newKey, undefined, base, sdkFetch, { enabled: false });
    assert.equal(((await fresh.getSessionStatus()).response as { status: string }).status, 'connected');

    const disconnected = await pat.disconnectWhatsAppSession(session.id);
    assert.equal(disconnected.response.data.status, 'disconnected');

    await pat.deleteWhatsAppSession(session.id);
    await assert.rejects(pat.getWhatsAppSessionDetails(session.id), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 404);
      return true;
    });
  });

  test('errors: missing key, invalid key, validation 422 with errors', async () => {
    const { token } = ctx;
    const none = await fetch(`${base}/status`);
    assert.equal(none.status, 401);
    assert.deepEqual(await none.json(), { success: false, message: 'API key is required' });
    const bad = createWasender('wg_sk_nope', undefined, base, sdkFetch, { enabled: false });
    await assert.rejects(bad.getSessionStatus(), (err: unknown) => {
      assert.ok(err instanceof WasenderAPIError);
      assert.equal(err.statusCode, 401);
      return true;
    });
    const pat = createWasender(undefined, token, base, sdkFetch, { enabled: false });
    await assert.rejects(
      pat.createWhatsAppSession({ name: '', phone_number: '1', account_protection: true, log_messages: true }),
      (err: unknown) => {
        assert.ok(err instanceof WasenderAPIError);
        assert.equal(err.statusCode, 422);
        assert.ok(err.errorDetails && 'name' in err.errorDetails, JSON.stringify(err.errorDetails));
        return true;
      },
    );
  });
});

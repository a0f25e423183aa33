// Issue 4, resilience end to end: a server restart resumes the session without a new link and sends
// a message accepted before the stop exactly once; unlinking from the phone logs the session out; a
// dropped connection (the simulator restarts) comes back to connected by itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, waitForStatus, type TestSim } from '../support/sim.js';

interface InboxItem {
  id: string;
  text?: string;
}

describe('engine: restart, unlink and reconnect', () => {
  let sim: TestSim;
  let t: TestApp;
  let token: string;
  const fast = { reconnectBaseMs: 200, reconnectMaxMs: 2_000 };

  before(async () => {
    sim = await startTestSim();
    t = await createTestApp({ overrides: { waWebSocketUrl: sim.handle.wsUrl, runtime: fast } });
    ({ token } = await t.createAccount());
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });

  test('server restart: connected again without a new link; a message accepted before the stop leaves exactly once', async () => {
    const me = await sim.account(testPhone(), 'Restart Me');
    const contact = await sim.account(testPhone(), 'Restart Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    const linksBefore = (await sim.control<{ devices: unknown[] }[]>('GET', '/sim/accounts')).length;

    // The server is stopping: its runtimes are gone, but the API still accepts (and persists) a send.
    await t.container.runtimes.shutdown();
    const accepted = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: contact.phone,
      text: 'sent across a restart',
    });
    assert.equal(accepted.statusCode, 202);
    assert.equal(accepted.body.message.status, 'queued');

    const started = Date.now();
    await t.restart({ waWebSocketUrl: sim.handle.wsUrl, runtime: fast });
    await waitForStatus(t, token, sessionId, 'connected', 30_000);
    assert.ok(Date.now() - started < 30_000);

    const item = await waitFor('the queued message at the contact', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.find((m) => m.text === 'sent across a restart');
    });
    // Give a duplicate every chance to show up before counting.
    await new Promise((r) => setTimeout(r, 1500));
    const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
    assert.equal(inbox.filter((m) => m.text === 'sent across a restart').length, 1, 'sent exactly once');
    const msg = await t.request(token, 'GET', `/v1/messages/${accepted.body.message.id}`);
    assert.equal(msg.body.message.wa_id, item.id);
    assert.equal(
      (await sim.control<unknown[]>('GET', '/sim/accounts')).length,
      linksBefore,
      'no new account or link was needed',
    );
  });

  test('a dropped connection comes back to connected by itself', async () => {
    const me = await sim.account(testPhone(), 'Drop Me');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    await sim.restart();
    await waitForStatus(t, token, sessionId, 'connecting', 10_000).catch(() => {
      // the reconnect may already have happened between two polls
    });
    await waitForStatus(t, token, sessionId, 'connected', 30_000);
    const logs = await t.request(token, 'GET', `/v1/sessions/${sessionId}/logs?limit=50`);
    assert.ok(
      logs.body.data.some((l: { event: string }) => l.event === 'reconnect_scheduled'),
      'the reconnect is in the session log',
    );
  });

  test('unlink from the phone → logged_out, credentials wiped', async () => {
    const me = await sim.account(testPhone(), 'Unlink Me');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    await sim.control('POST', `/sim/accounts/${me.phone}/unlink`);
    await waitForStatus(t, token, sessionId, 'logged_out', 15_000);
    const rows = await t.container.store.engineAuth.get(sessionId, 'creds', ['creds']);
    assert.equal(rows.size, 0, 'credentials wiped');
    const send = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: '+15550000001',
      text: 'x',
    });
    assert.equal(send.statusCode, 409);
  });

  test('a session waiting for a scan when the server stops is disconnected after the restart, and can link again', async () => {
    const me = await sim.account(testPhone(), 'Stale QR');
    const created = await t.request(token, 'POST', '/v1/sessions', {});
    const sessionId: string = created.body.session.id;
    await t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`);
    await waitForStatus(t, token, sessionId, 'need_scan');
    await t.restart({ waWebSocketUrl: sim.handle.wsUrl, runtime: fast });
    await waitForStatus(t, token, sessionId, 'disconnected', 5_000);
    const qr = await t.request(token, 'GET', `/v1/sessions/${sessionId}/qr`);
    assert.equal(qr.statusCode, 409);
    assert.equal((await t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`)).statusCode, 202);
    const fresh = await waitFor('a new QR', async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/qr`);
      return res.statusCode === 200 ? (res.body.qr as string) : undefined;
    });
    await sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr: fresh });
    await waitForStatus(t, token, sessionId, 'connected');
  });
});

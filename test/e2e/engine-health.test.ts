// Issue 4: a connection that stays open but stops answering (a zombie) is detected by the health
// check and rebuilt, so the session's status does not claim `connected` for a dead link.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, waitForStatus, type TestSim } from '../support/sim.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';

describe('engine: zombie connections are detected and rebuilt', () => {
  let sim: TestSim;
  let proxy: TcpProxy;
  let t: TestApp;
  let token: string;

  before(async () => {
    sim = await startTestSim();
    proxy = await startTcpProxy(sim.handle.port);
    t = await createTestApp({
      overrides: {
        waWebSocketUrl: `ws://127.0.0.1:${proxy.port}/ws/chat`,
        // Production checks every 20 s with a 10 s timeout (an idle zombie is found within ~50 s;
        // one with an unanswered send within ~8 s, test/runtime and test/faults); the test runs the
        // periodic check faster.
        runtime: {
          healthIntervalMs: 1_000,
          healthTimeoutMs: 500,
          healthFailuresBeforeReconnect: 2,
          reconnectBaseMs: 200,
          reconnectMaxMs: 1_000,
        },
      },
    });
    ({ token } = await t.createAccount());
  });
  after(async () => {
    await t?.close();
    await proxy?.close();
    await sim?.close();
  });

  test('a frozen connection → health checks fail → reconnect → connected again', async () => {
    const me = await sim.account(testPhone(), 'Zombie');
    const contact = await sim.account(testPhone(), 'Zombie Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    proxy.freezeAll();
    await waitFor(
      'a failed health check in the session log',
      async () => {
        const logs = await t.request(token, 'GET', `/v1/sessions/${sessionId}/logs?limit=100`);
        return logs.body.data.some((l: { event: string }) => l.event === 'health_check_failed');
      },
      15_000,
    );
    await waitFor(
      'the session to leave connected',
      async () => {
        const logs = await t.request(token, 'GET', `/v1/sessions/${sessionId}/logs?limit=100`);
        return logs.body.data.some(
          (l: { event: string; detail: { to?: string; reason?: string } }) =>
            l.event === 'status_changed' && l.detail.to === 'connecting' && l.detail.reason === 'health check failed',
        );
      },
      15_000,
    );
    await waitForStatus(t, token, sessionId, 'connected', 20_000);
    // The rebuilt connection works: a message goes through.
    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: contact.phone,
      text: 'after the zombie',
    });
    assert.equal(sent.statusCode, 202);
    await waitFor('the message at the contact', async () => {
      const inbox = await sim.control<{ text?: string }[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.some((m) => m.text === 'after the zombie');
    });
  });
});

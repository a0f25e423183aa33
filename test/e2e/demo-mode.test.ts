// Issue 4, demo mode: `wagate serve --simulator` starts the simulator beside the server, prints how to
// link a simulated phone, and linking by its recipe works; restarting the server keeps the
// simulator's state, so the linked session resumes without a new scan.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { testPhone, waitFor } from '../support/sim.js';

const env = (dataDir: string) => ({
  WAGATE_DATA_DIR: dataDir,
  WAGATE_PORT: '0',
  WAGATE_LOG_LEVEL: 'info',
  WAGATE_LOG_PRETTY: 'false',
});

test('serve --simulator: link a simulated phone by the printed recipe; a restart resumes the session', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-demo-'));
  let server = spawnCli(['serve', '--simulator'], env(dataDir));
  try {
    const output = await waitForOutput(server, /"msg":"wagate listening"/);
    assert.match(output, /Simulator mode: sessions connect to the built-in WhatsApp simulator/);
    assert.match(output, /4\. scan it:/);
    const token = /token:\s+(wg_pat_\S+)/.exec(output)?.[1];
    const api = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
    const control = /control API: (http:\/\/127\.0\.0\.1:\d+)\/sim\//.exec(output)?.[1];
    assert.ok(token && api && control, output);
    const call = async (base: string, method: string, path: string, body?: unknown, auth = true) => {
      const res = await fetch(`${base}${path}`, {
        method,
        headers: {
          ...(auth ? { authorization: `Bearer ${token}` } : {}),
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: (await res.json()) as Record<string, any> }; // eslint-disable-line @typescript-eslint/no-explicit-any
    };
    const phone = testPhone();
    assert.equal((await call(control, 'POST', '/sim/accounts', { phone }, false)).status, 200);
    const created = await call(api, 'POST', '/v1/sessions', { name: 'demo' });
    assert.equal(created.status, 201);
    assert.equal((await call(api, 'POST', '/v1/sessions/demo/connect')).status, 202);
    const qr = await waitFor('the QR', async () => {
      const r = await call(api, 'GET', '/v1/sessions/demo/qr');
      return r.status === 200 ? (r.body.qr as string) : undefined;
    });
    assert.equal((await call(control, 'POST', `/sim/accounts/${phone}/link`, { qr }, false)).status, 200);
    await waitFor(
      'connected',
      async () => (await call(api, 'GET', '/v1/sessions/demo')).body.session?.status === 'connected',
      30_000,
    );

    assert.equal(await stop(server), 0);
    server = spawnCli(['serve', '--simulator'], env(dataDir));
    const again = await waitForOutput(server, /"msg":"wagate listening"/);
    const api2 = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(again)?.[1];
    assert.ok(api2, again);
    assert.doesNotMatch(again, /first start/, 'the account is not created twice');
    await waitFor(
      'connected again without a new scan',
      async () => (await call(api2, 'GET', '/v1/sessions/demo')).body.session?.status === 'connected',
      30_000,
    );
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
});

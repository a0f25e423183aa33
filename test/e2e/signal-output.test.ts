// Issue 9 item 6: no Signal key material in the process output. libsignal prints whole sessions
// (`Closing session: SessionEntry {… privKey … rootKey …}`) with console.* when sessions are
// replaced, which happens on reconnects and restarts. The real server (with the simulator in the
// same process, whose phones use libsignal too) links a session, exchanges messages both ways,
// restarts the connection and the server, exchanges again; its whole stdout and stderr must not
// contain any of it, while our own log lines still come through.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { jsonCall, spawnCli, stop, waitForOutput } from '../support/cli.js';
import { testPhone, waitFor } from '../support/sim.js';

const env = (dataDir: string) => ({
  WAGATE_DATA_DIR: dataDir,
  WAGATE_PORT: '0',
  WAGATE_LOG_LEVEL: 'info',
  WAGATE_LOG_PRETTY: 'false',
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const call = jsonCall;

/** Everything the process writes, from the start. */
function capture(child: ChildProcessWithoutNullStreams, into: string[]): void {
  child.stdout.on('data', (d: Buffer) => into.push(d.toString()));
  child.stderr.on('data', (d: Buffer) => into.push(d.toString()));
}

test('reconnects and restarts print no Signal session, private key or root key', async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-signal-out-'));
  const output: string[] = [];
  let server = spawnCli(['serve', '--simulator'], env(dataDir));
  capture(server, output);
  try {
    const first = await waitForOutput(server, /"msg":"wagate listening"/);
    const token = /token:\s+(wg_pat_\S+)/.exec(first)?.[1];
    let api = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(first)?.[1];
    let control = /control API: (http:\/\/127\.0\.0\.1:\d+)\/sim\//.exec(first)?.[1];
    assert.ok(token && api && control, first);
    const me = testPhone();
    const contact = testPhone();
    assert.equal((await call(control, 'POST', '/sim/accounts', { phone: me })).status, 200);
    assert.equal((await call(control, 'POST', '/sim/accounts', { phone: contact })).status, 200);
    assert.equal((await call(api, 'POST', '/v1/sessions', { name: 'keys' }, token)).status, 201);
    assert.equal((await call(api, 'POST', '/v1/sessions/keys/connect', undefined, token)).status, 202);
    const qr = await waitFor('the QR', async () => {
      const r = await call(api!, 'GET', '/v1/sessions/keys/qr', undefined, token);
      return r.status === 200 ? (r.body.qr as string) : undefined;
    });
    assert.equal((await call(control, 'POST', `/sim/accounts/${me}/link`, { qr })).status, 200);

    let round = 0;
    const exchange = async (): Promise<void> => {
      round++;
      const base = api!;
      const sim = control!;
      await waitFor(
        'connected',
        async () =>
          (await call(base, 'GET', '/v1/sessions/keys', undefined, token)).body.session?.status === 'connected',
        30_000,
      );
      assert.equal(
        (await call(sim, 'POST', `/sim/accounts/${contact}/messages`, { to: me, text: `in ${round}` })).status,
        200,
      );
      assert.equal(
        (await call(base, 'POST', '/v1/sessions/keys/messages', { to: contact, text: `out ${round}` }, token)).status,
        202,
      );
      await waitFor(
        `inbound ${round} stored`,
        async () => {
          const list = await call(base, 'GET', '/v1/sessions/keys/messages?direction=in', undefined, token);
          return (list.body.data as Json[]).some((m) => m.text === `in ${round}`);
        },
        30_000,
      );
      await waitFor(
        `outbound ${round} at the contact`,
        async () => {
          const inbox = (await call(sim, 'GET', `/sim/accounts/${contact}/inbox`)).body as unknown as Json[];
          return inbox.some((m) => m.text === `out ${round}`);
        },
        30_000,
      );
    };

    await exchange();
    assert.equal((await call(api, 'POST', '/v1/sessions/keys/restart', undefined, token)).status, 202);
    await exchange();
    assert.equal(await stop(server), 0);
    server = spawnCli(['serve', '--simulator'], env(dataDir));
    capture(server, output);
    const again = await waitForOutput(server, /"msg":"wagate listening"/);
    api = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(again)?.[1];
    control = /control API: (http:\/\/127\.0\.0\.1:\d+)\/sim\//.exec(again)?.[1];
    assert.ok(api && control, again);
    await exchange();
  } finally {
    await stop(server);
    rmSync(dataDir, { recursive: true, force: true });
  }
  const all = output.join('');
  assert.match(all, /"msg":"wagate listening"/, 'our own log lines still reach stdout');
  for (const secret of ['privKey', 'rootKey', 'SessionEntry', 'chainKey', 'Closing session']) {
    assert.ok(!all.includes(secret), `the output contains "${secret}":\n${excerpt(all, secret)}`);
  }
});

function excerpt(text: string, needle: string): string {
  const at = text.indexOf(needle);
  return text.slice(Math.max(0, at - 300), at + 300);
}

// Denial-of-service regressions over real HTTP: a refused WebSocket upgrade must not leave its
// socket open (each one would hold a file descriptor forever), and no validation may be worse than
// linear in the input (a long reaction emoji once took seconds and gigabytes).
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { connect, type AddressInfo, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { createTestApp, type TestApp } from '../support/harness.js';

/** Sends a raw upgrade request; resolves with the status line and whether the server closed the socket within `waitMs`. */
function refusedUpgrade(
  port: number,
  path: string,
  auth: string | null,
  waitMs: number,
): Promise<{ status: string; closedByServer: boolean }> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1');
    let data = '';
    let timer: NodeJS.Timeout | null = null;
    socket.setEncoding('utf8');
    socket.on('error', reject);
    socket.on('data', (chunk: string) => {
      data += chunk;
      timer ??= setTimeout(() => {
        socket.destroy();
        resolve({ status: data.split('\r\n')[0] ?? '', closedByServer: false });
      }, waitMs);
    });
    socket.on('end', () => {
      if (timer) clearTimeout(timer);
      socket.destroy();
      resolve({ status: data.split('\r\n')[0] ?? '', closedByServer: true });
    });
    socket.write(
      `GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Upgrade\r\nUpgrade: websocket\r\n` +
        `Sec-WebSocket-Version: 13\r\nSec-WebSocket-Key: ${Buffer.from('0123456789abcdef').toString('base64')}\r\n` +
        (auth ? `Authorization: ${auth}\r\n` : '') +
        '\r\n',
    );
  });
}

let t: TestApp;
let port: number;
before(async () => {
  t = await createTestApp({ dialect: 'sqlite' });
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  port = (t.app.server.address() as AddressInfo).port;
});
after(() => t.close());

test('a refused WebSocket upgrade (no token, bad token, unknown path) is answered and its socket closed', async () => {
  for (const [path, auth] of [
    ['/v1/events/ws', null],
    ['/v1/events/ws', 'Bearer wg_pat_nope'],
    ['/v1/sessions', null],
    ['/nowhere', null],
  ] as const) {
    const r = await refusedUpgrade(port, path, auth, 1_000);
    assert.match(r.status, /^HTTP\/1\.1 4\d\d /, `${path}: ${r.status}`);
    assert.equal(r.closedByServer, true, `${path} with ${auth ?? 'no token'}: the server kept the socket open`);
  }
});

test('many refused upgrades leave the server responsive and close() does not wait for them', async () => {
  const results = await Promise.all(
    Array.from({ length: 200 }, () => refusedUpgrade(port, '/v1/events/ws', null, 2_000)),
  );
  assert.equal(results.filter((r) => !r.closedByServer).length, 0);
  const started = Date.now();
  const health = await fetch(`http://127.0.0.1:${port}/health`);
  assert.equal(health.status, 200);
  assert.ok(Date.now() - started < 1_000);
});

test('a 100 000-character reaction emoji is refused at once (no quadratic check)', async () => {
  const { token } = await t.createAccount();
  const started = Date.now();
  const res = await t.request(token, 'POST', '/v1/messages/msg_0190000000007000800000000000000a/reactions', {
    emoji: '👍'.repeat(50_000),
  });
  const ms = Date.now() - started;
  assert.equal(res.statusCode, 400);
  assert.equal(res.body.error.field, 'emoji');
  assert.ok(ms < 500, `took ${ms} ms`);
});

test("SIGTERM with the simulator running exits although a refused upgrade's client never closed its socket", async () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-dos-'));
  const server = spawnCli(['serve', '--simulator'], {
    WAGATE_DATA_DIR: dataDir,
    WAGATE_PORT: '0',
    WAGATE_LOG_LEVEL: 'info',
    WAGATE_LOG_PRETTY: 'false',
  });
  const held: Socket[] = [];
  try {
    const output = await waitForOutput(server, /"msg":"wagate listening"/);
    const apiPort = Number(/"url":"http:\/\/127\.0\.0\.1:(\d+)"/.exec(output)?.[1]);
    assert.ok(apiPort, output);
    for (let i = 0; i < 3; i++) {
      const s = connect(apiPort, '127.0.0.1');
      s.on('error', () => {});
      s.write(
        'GET /v1/events/ws HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: websocket\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Key: AAAAAAAAAAAAAAAAAAAAAA==\r\n\r\n',
      );
      held.push(s); // never ended by us
    }
    await new Promise((r) => setTimeout(r, 300));
    const exited = await Promise.race([
      stop(server),
      new Promise((r) => setTimeout(() => r('still running after 10 s'), 10_000)),
    ]);
    assert.equal(exited, 0);
  } finally {
    held.forEach((s) => s.destroy());
    if (server.exitCode === null) server.kill('SIGKILL');
    rmSync(dataDir, { recursive: true, force: true });
  }
});

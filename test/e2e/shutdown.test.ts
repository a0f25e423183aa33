// Graceful shutdown of the real process: on SIGTERM an HTTP request whose body is still arriving is
// answered (and what it created is durable), a webhook attempt in flight gets its answer and is
// recorded once (not sent again after a restart), and the process exits 0. A stop that cannot drain
// within WAGATE_SHUTDOWN_TIMEOUT exits anyway, at the deadline.
import assert from 'node:assert/strict';
import { request as httpRequest } from 'node:http';
import { after, test } from 'node:test';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { startReceiver } from '../support/receiver.js';
import { waitFor } from '../support/sim.js';

const dbs: TestDatabase[] = [];
after(async () => {
  for (const db of dbs) await db.drop();
});

async function startServer(env: Record<string, string>) {
  const child = spawnCli(['serve'], {
    WAGATE_PORT: '0',
    WAGATE_LOG_LEVEL: 'info',
    WAGATE_LOG_PRETTY: 'false',
    WAGATE_ALLOW_PRIVATE_URLS: '1',
    ...env,
  });
  const output = await waitForOutput(child, /"msg":"wagate listening"/);
  const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
  assert.ok(url, output);
  let log = output;
  child.stdout.on('data', (d: Buffer) => (log += d.toString()));
  return { child, url, token: /token:\s+(wg_pat_[0-9A-Za-z]{43})/.exec(output)?.[1], log: () => log };
}

function exitOf(child: ReturnType<typeof spawnCli>): Promise<{ code: number | null; at: number }> {
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, at: Date.now() })));
}

test('SIGTERM drains: a request mid-body is answered and durable, a webhook attempt in flight is recorded once, exit 0', async () => {
  const db = await createTestDatabase('sqlite');
  dbs.push(db);
  const rx = await startReceiver();
  try {
    const env = { WAGATE_DATA_DIR: db.dataDir, WAGATE_SHUTDOWN_TIMEOUT: '15s' };
    const first = await startServer(env);
    const token = first.token!;
    const api = (method: string, path: string, body?: unknown) =>
      fetch(`${first.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
    const hook = (await (await api('POST', '/v1/webhooks', { url: rx.url, events: ['webhook.test'] })).json()) as {
      webhook: { id: string };
    };
    rx.setDelay(1_500);
    assert.equal((await api('POST', `/v1/webhooks/${hook.webhook.id}/test`)).status, 202);
    // Polled: the receiver's own waitFor wakes only when it answers, and the answer is 1.5 s away.
    await waitFor('the attempt to be in flight', async () => rx.requests.length === 1, 10_000, 20);

    // A request whose body is only half sent when the stop begins.
    const body = JSON.stringify({ name: 'created-while-stopping' });
    const pending = new Promise<{ status: number; text: string }>((resolve, reject) => {
      const req = httpRequest(`${first.url}/v1/sessions`, {
        method: 'POST',
        headers: {
          authorization: `Bearer ${token}`,
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
        },
      });
      req.on('response', (res) => {
        let text = '';
        res.on('data', (d: Buffer) => (text += d.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      });
      req.on('error', reject);
      req.write(body.slice(0, 10));
      setTimeout(() => req.end(body.slice(10)), 500);
    });
    await new Promise((r) => setTimeout(r, 100));
    const exited = exitOf(first.child);
    first.child.kill('SIGTERM');

    const answered = await pending;
    assert.equal(answered.status, 201, answered.text);
    const { code } = await exited;
    assert.equal(code, 0, first.log());
    assert.match(first.log(), /"msg":"stopping: draining in-flight work"/);
    assert.match(first.log(), /"msg":"stopped"/);
    assert.equal(rx.requests.length, 1);
    assert.ok(Date.now() - rx.requests[0]!.receivedAt >= 1_400, 'the process waited for the webhook answer');

    // After a restart: the session exists and the delivery is recorded as delivered with one attempt.
    rx.setDelay(0);
    const second = await startServer(env);
    try {
      // eslint-disable-next-line @typescript-eslint/no-explicit-any -- reads arbitrary JSON
      const get = (path: string): Promise<any> =>
        fetch(`${second.url}${path}`, { headers: { authorization: `Bearer ${token}` } }).then((r) => r.json());
      assert.equal((await get('/v1/sessions/created-while-stopping')).session.name, 'created-while-stopping');
      const deliveries = await waitFor('the delivery record', async () => {
        const d = await get(`/v1/webhooks/${hook.webhook.id}/deliveries`);
        return d.data?.length ? d.data : undefined;
      });
      assert.equal(deliveries[0].status, 'delivered');
      assert.equal(deliveries[0].attempts, 1);
      await new Promise((r) => setTimeout(r, 1_000));
      assert.equal(rx.requests.length, 1, 'the answered attempt is not sent again');
    } finally {
      await stop(second.child);
    }
  } finally {
    await rx.close();
  }
});

test('a stop that cannot drain exits at WAGATE_SHUTDOWN_TIMEOUT, not later', async () => {
  const db = await createTestDatabase('sqlite');
  dbs.push(db);
  const rx = await startReceiver();
  try {
    const server = await startServer({
      WAGATE_DATA_DIR: db.dataDir,
      WAGATE_SHUTDOWN_TIMEOUT: '1s',
      WAGATE_WEBHOOK_TIMEOUT: '60s',
    });
    const auth = { authorization: `Bearer ${server.token}`, 'content-type': 'application/json' };
    const hook = (await (
      await fetch(`${server.url}/v1/webhooks`, {
        method: 'POST',
        headers: auth,
        body: JSON.stringify({ url: rx.url, events: ['webhook.test'] }),
      })
    ).json()) as { webhook: { id: string } };
    rx.setDelay(30_000);
    await fetch(`${server.url}/v1/webhooks/${hook.webhook.id}/test`, {
      method: 'POST',
      headers: { authorization: auth.authorization },
    });
    await waitFor('the attempt to be in flight', async () => rx.requests.length === 1, 10_000, 20);
    const exited = exitOf(server.child);
    const start = Date.now();
    server.child.kill('SIGTERM');
    const { code, at } = await exited;
    assert.equal(code, 1, server.log());
    assert.ok(at - start >= 900 && at - start < 5_000, `exited after ${at - start} ms`);
    assert.match(server.log(), /shutdown deadline passed/);
  } finally {
    await rx.close();
  }
});

// The real server process (spawned through the CLI) is killed with SIGKILL while webhook
// deliveries are pending and in flight; after a restart on the same database every event is
// delivered, in order, and any duplicate carries the same webhook-id.
import assert from 'node:assert/strict';
import { spawn, type ChildProcess } from 'node:child_process';
import { after, before, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { forEachDialect } from '../support/dialects.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

function databaseUrl(db: TestDatabase): string {
  const c = db.config;
  return c.kind === 'sqlite' ? c.file : `${c.url}${c.url.includes('?') ? '&' : '?'}schema=${c.schema}`;
}

interface Server {
  proc: ChildProcess;
  url: string;
  token: string | null;
}

function startServerProcess(db: TestDatabase): Promise<Server> {
  const proc = spawn(process.execPath, ['--import', 'tsx', 'test/support/run-cli.ts', 'serve'], {
    env: {
      ...process.env,
      WAGATE_DATA_DIR: db.dataDir,
      WAGATE_DATABASE_URL: databaseUrl(db),
      WAGATE_PORT: '0',
      WAGATE_LOG_LEVEL: 'info',
      WAGATE_LOG_PRETTY: '0',
      WAGATE_ALLOW_PRIVATE_URLS: '1',
      WAGATE_WEBHOOK_RETRY_BASE: '50ms',
      WAGATE_WEBHOOK_RETRY_MAX_DELAY: '200ms',
      WAGATE_WEBHOOK_TIMEOUT: '1s',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let out = '';
    let token: string | null = null;
    const timer = setTimeout(() => reject(new Error(`server did not start:\n${out}`)), 60_000);
    proc.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      token ??= /token:\s+(wg_pat_\S+)/.exec(out)?.[1] ?? null;
      const listening =
        /"url":"(http:\/\/[^"]+)"[^\n]*wagate listening|wagate listening[^\n]*"url":"(http:\/\/[^"]+)"/.exec(out);
      if (listening) {
        clearTimeout(timer);
        resolve({ proc, url: (listening[1] ?? listening[2])!, token });
      }
    });
    proc.stderr!.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    proc.on('exit', (code) => reject(new Error(`server exited (${code}):\n${out}`)));
  });
}

async function call(
  server: Server,
  token: string,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; json: any }> {
  // eslint-disable-line @typescript-eslint/no-explicit-any
  const res = await fetch(`${server.url}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${token}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, json: text ? JSON.parse(text) : undefined };
}

forEachDialect((dialect) => {
  let db: TestDatabase;
  let rx: Receiver;
  const procs: ChildProcess[] = [];
  before(async () => {
    db = await createTestDatabase(dialect);
    rx = await startReceiver();
  });
  after(async () => {
    for (const p of procs) if (p.exitCode === null && p.signalCode === null) p.kill('SIGKILL');
    await rx.close();
    await db.drop();
  });

  test('SIGKILL with deliveries pending → after restart all 50 events arrive, in order, duplicates only with the same id', async () => {
    const first = await startServerProcess(db);
    procs.push(first.proc);
    assert.ok(first.token, 'first start prints the token');
    const token = first.token!;
    const hook = await call(first, token, 'POST', '/v1/webhooks', { url: rx.url });
    assert.equal(hook.status, 201);
    rx.setDelay(100); // a slow receiver: most deliveries are still pending when the server dies
    const ids: string[] = [];
    for (let i = 0; i < 50; i++) {
      const r = await call(first, token, 'POST', `/v1/webhooks/${hook.json.webhook.id}/test`);
      assert.equal(r.status, 202);
      ids.push(r.json.event.id);
    }
    await rx.waitFor((rs) => rs.length >= 3);
    first.proc.kill('SIGKILL');
    await new Promise((r) => first.proc.once('exit', r));
    const beforeRestart = new Set(rx.requests.map((r) => String(r.headers['webhook-id']))).size;
    assert.ok(beforeRestart < 50, `deliveries should still be pending at the kill (${beforeRestart} delivered)`);

    rx.setDelay(0);
    const second = await startServerProcess(db);
    procs.push(second.proc);
    await rx.waitFor(
      (rs) => new Set(rs.filter((r) => r.status === 200).map((r) => String(r.headers['webhook-id']))).size >= 50,
      60_000,
    );
    const seen = rx.requests.map((r) => String(r.headers['webhook-id']));
    assert.ok(
      seen.every((id) => ids.includes(id)),
      "every request carries one of the events' ids",
    );
    const firstArrivals = seen.filter((id, i) => seen.indexOf(id) === i);
    assert.deepEqual(firstArrivals, ids, 'in order (one account-level lane)');
    second.proc.kill('SIGTERM');
    await new Promise((r) => second.proc.once('exit', r));
  });
});

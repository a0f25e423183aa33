// The real `wagate` process: first start on an empty database, account creation for scripts,
// configuration errors, graceful stop, and the simulator command.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { runCli, spawnCli, stop, waitForOutput } from '../support/cli.js';

const dbs: TestDatabase[] = [];
after(async () => {
  for (const db of dbs) await db.drop();
});

async function freshDataDir(): Promise<string> {
  const db = await createTestDatabase('sqlite');
  dbs.push(db);
  return db.dataDir;
}

test('serve: migrates, prints the first token once with a usage line, serves /v1 with it, stops on SIGTERM', async () => {
  const dataDir = await freshDataDir();
  const env = { WAGATE_DATA_DIR: dataDir, WAGATE_PORT: '0', WAGATE_LOG_LEVEL: 'info', WAGATE_LOG_PRETTY: 'false' };
  const server = spawnCli(['serve'], env);
  try {
    const output = await waitForOutput(server, /"msg":"wagate listening"/);
    const token = /token:\s+(wg_pat_[0-9A-Za-z]{43})/.exec(output)?.[1];
    assert.ok(token, output);
    assert.match(output, /curl -H "Authorization: Bearer wg_pat_/);
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
    assert.ok(url);
    const created = await fetch(`${url}/v1/sessions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ name: 'from-e2e' }),
    });
    assert.equal(created.status, 201);
    assert.equal((await fetch(`${url}/ready`)).status, 200);
  } finally {
    const code = await stop(server);
    assert.equal(code, 0, `server exit ${code}`);
  }
  // A second start on the same database creates no account and prints no token.
  const again = spawnCli(['serve'], env);
  try {
    const output = await waitForOutput(again, /"msg":"wagate listening"/);
    assert.doesNotMatch(output, /wg_pat_/);
  } finally {
    await stop(again);
  }
});

test('account create --json prints {"account":{"id"},"token"} and the token works on the same database', async () => {
  const dataDir = await freshDataDir();
  const res = await runCli(['account', 'create', '--name', 'acme', '--json'], { WAGATE_DATA_DIR: dataDir });
  assert.equal(res.code, 0, res.stderr);
  const parsed = JSON.parse(res.stdout.trim());
  assert.match(parsed.account.id, /^acc_[0-9a-f]{32}$/);
  assert.equal(parsed.account.name, 'acme');
  assert.match(parsed.token, /^wg_pat_[0-9A-Za-z]{43}$/);

  const server = spawnCli(['serve'], { WAGATE_DATA_DIR: dataDir, WAGATE_PORT: '0', WAGATE_LOG_PRETTY: 'false' });
  try {
    const output = await waitForOutput(server, /"msg":"wagate listening"/);
    assert.doesNotMatch(output, /first start/, 'the database already had an account');
    const url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1];
    const list = await fetch(`${url}/v1/sessions`, { headers: { authorization: `Bearer ${parsed.token}` } });
    assert.equal(list.status, 200);
  } finally {
    await stop(server);
  }
});

test('bad configuration: every problem reported at once, exit code 2', async () => {
  const res = await runCli(['serve'], {
    WAGATE_PORT: 'abc',
    WAGATE_LOG_LEVEL: 'loud',
    WAGATE_ALLOW_PRIVATE_URLS: 'perhaps',
  });
  assert.equal(res.code, 2);
  assert.match(res.stderr, /WAGATE_PORT/);
  assert.match(res.stderr, /WAGATE_LOG_LEVEL/);
  assert.match(res.stderr, /WAGATE_ALLOW_PRIVATE_URLS/);
});

test('usage: --help for each command, unknown commands and missing options exit 2', async () => {
  for (const args of [
    ['--help'],
    ['serve', '--help'],
    ['migrate', '--help'],
    ['account', '--help'],
    ['sim', '--help'],
  ]) {
    const res = await runCli(args, {});
    assert.equal(res.code, 0, `${args.join(' ')}: ${res.stderr}`);
    assert.match(res.stdout, /Usage: wagate/);
  }
  assert.equal((await runCli(['frobnicate'], {})).code, 2);
  assert.equal((await runCli(['account', 'create'], {})).code, 2);
  assert.equal((await runCli(['account', 'create', '--name', 'x', '--bogus'], {})).code, 2);
});

test('migrate applies the migrations once', async () => {
  const dataDir = await freshDataDir();
  const first = await runCli(['migrate'], { WAGATE_DATA_DIR: dataDir });
  assert.equal(first.code, 0, first.stderr);
  assert.match(first.stdout, /applied: 0001_foundation/);
  const second = await runCli(['migrate'], { WAGATE_DATA_DIR: dataDir });
  assert.match(second.stdout, /database is up to date/);
});

test('sim prints the WebSocket and control URLs and stops on SIGTERM', async () => {
  const sim = spawnCli(['sim', '--port', '0'], {});
  let output = '';
  sim.stdout.on('data', (d: Buffer) => (output += d.toString()));
  sim.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    await waitForOutput(sim, /simulator control:\s+http:\/\/127\.0\.0\.1:\d+/);
    assert.match(output, /simulator WebSocket: ws:\/\/127\.0\.0\.1:\d+\/ws\/chat/);
  } finally {
    const code = await stop(sim);
    assert.equal(code, 0, `exit ${code}; output:\n${output}`);
  }
});

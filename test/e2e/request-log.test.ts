// One log line per request: on a terminal (forced here with WAGATE_LOG_PRETTY=1) a short human line
// `POST /v1/sessions 201 3ms` that keeps the start-up recipe on screen; otherwise one JSON object
// per line with the same facts under `http`. Before, fastify wrote two multi-line entries per request.
import assert from 'node:assert/strict';
import { after, test } from 'node:test';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const dbs: TestDatabase[] = [];
after(() => Promise.all(dbs.map((db) => db.drop())));

/** Starts `wagate serve`, makes three requests, stops it; returns everything it printed. */
async function serveAndRequest(pretty: '0' | '1'): Promise<string> {
  const db = await createTestDatabase('sqlite');
  dbs.push(db);
  const server = spawnCli(['serve'], {
    WAGATE_DATA_DIR: db.dataDir,
    WAGATE_PORT: '0',
    WAGATE_LOG_LEVEL: 'info',
    WAGATE_LOG_PRETTY: pretty,
  });
  let output = '';
  server.stdout.on('data', (d: Buffer) => (output += d.toString()));
  server.stderr.on('data', (d: Buffer) => (output += d.toString()));
  try {
    const started = await waitForOutput(server, /wagate listening/);
    const token = /token:\s+(wg_pat_[0-9A-Za-z]{43})/.exec(started)?.[1];
    const url = /(http:\/\/127\.0\.0\.1:\d+)/.exec(started)?.[1];
    assert.ok(token && url, started);
    const headers = { authorization: `Bearer ${token}`, 'content-type': 'application/json' };
    assert.equal(
      (await fetch(`${url}/v1/sessions`, { method: 'POST', headers, body: JSON.stringify({ name: 'logged' }) })).status,
      201,
    );
    assert.equal((await fetch(`${url}/v1/sessions?limit=5`)).status, 401);
    assert.equal((await fetch(`${url}/health`)).status, 200);
    await new Promise((r) => setTimeout(r, 200));
  } finally {
    await stop(server);
  }
  return output;
}

test('on a terminal: one short line per request, nothing else about it', async () => {
  const output = await serveAndRequest('1');
  const lines = output.split('\n');
  const requestLines = lines.filter((l) => /\b(POST|GET) \//.test(l) && !l.includes('curl'));
  assert.equal(requestLines.length, 2, output);
  assert.match(requestLines[0]!, /^\[\d\d:\d\d:\d\d\] INFO: POST \/v1\/sessions 201 \d+ms$/);
  assert.match(requestLines[1]!, /^\[\d\d:\d\d:\d\d\] INFO: GET \/v1\/sessions 401 \d+ms$/, 'no query string');
  assert.doesNotMatch(output, /incoming request|request completed|reqId|"http"/);
  assert.doesNotMatch(output, /FSTDEP/);
});

test('otherwise: JSON lines, one per request, with the facts under http', async () => {
  const output = await serveAndRequest('0');
  const entries = output
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map(
      (l) =>
        JSON.parse(l) as {
          msg: string;
          http?: { method: string; path: string; status: number; ms: number; request_id: string };
        },
    );
  const requests = entries.filter((e) => e.http);
  assert.deepEqual(
    requests.map((e) => [e.http!.method, e.http!.path, e.http!.status]),
    [
      ['POST', '/v1/sessions', 201],
      ['GET', '/v1/sessions', 401],
    ],
  );
  assert.match(requests[0]!.msg, /^POST \/v1\/sessions 201 \d+ms$/);
  assert.match(requests[0]!.http!.request_id, /^req_/);
  assert.equal(entries.filter((e) => /incoming request|request completed/.test(e.msg)).length, 0);
});

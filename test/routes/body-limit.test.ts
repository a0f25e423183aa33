// An oversized body gets a 413 the client can read, over real HTTP, every time: with Node's fetch
// (no Expect header, the body is written while the server answers) and with the curl binary (which
// sends `Expect: 100-continue` for large bodies, and must get the 413 instead of `100 Continue`).
// Before the fix the server closed the socket while the client was still writing: fetch failed
// with a reset and curl often printed only `100`.
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { promisify } from 'node:util';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

const run = promisify(execFile);
const EIGHT_MIB = 8 * 1024 * 1024;
const REPETITIONS = 20;

describe('413 for an oversized body over real HTTP', () => {
  // The server in its own process, as users run it: a client in the same process shares the event
  // loop with the server and hides the race.
  let db: TestDatabase;
  let server: ChildProcessWithoutNullStreams;
  let base: string;
  let token: string;
  let bodyFile: string;
  const limit = 1_048_576;
  const body = Buffer.alloc(EIGHT_MIB, 'a');

  before(async () => {
    db = await createTestDatabase('sqlite');
    server = spawnCli(['serve'], {
      WAGATE_DATA_DIR: db.dataDir,
      WAGATE_PORT: '0',
      WAGATE_LOG_LEVEL: 'info',
      WAGATE_BODY_LIMIT: String(limit),
    });
    const output = await waitForOutput(server, /"msg":"wagate listening"/);
    token = /token:\s+(wg_pat_[0-9A-Za-z]{43})/.exec(output)?.[1] ?? '';
    base = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(output)?.[1] ?? '';
    assert.ok(token && base, output);
    server.stdout.resume();
    bodyFile = join(db.dataDir, 'eight-mib.json');
    await writeFile(bodyFile, body);
  });
  after(async () => {
    await stop(server);
    await db.drop();
  });

  function assertTooLarge(status: number, text: string, limit: number): void {
    assert.equal(status, 413, text);
    const parsed = JSON.parse(text) as { error: { code: string; message: string } };
    assert.equal(parsed.error.code, 'PAYLOAD_TOO_LARGE');
    assert.match(parsed.error.message, new RegExp(`${limit} bytes`));
    assert.match(parsed.error.message, /POST \/v1\/media/);
  }

  test(`Node's fetch reads the 413 (${REPETITIONS} times, JSON route and unknown route)`, async () => {
    for (let i = 0; i < REPETITIONS; i++) {
      const url = i % 2 === 0 ? `${base}/v1/sessions` : `${base}/v1/nowhere`;
      const res = await fetch(url, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body,
      });
      assertTooLarge(res.status, await res.text(), limit);
    }
  });

  /** POST with the curl binary; the status comes from `-w`, curl's verbose trace from stderr. */
  async function curlPost(data: string, headers: string[]): Promise<{ status: number; text: string; trace: string }> {
    const args = ['-sSv', '-X', 'POST', '-H', `Authorization: Bearer ${token}`, '-H', 'Content-Type: application/json'];
    for (const header of headers) args.push('-H', header);
    args.push('--data-binary', data, '-w', '\n%{http_code}', `${base}/v1/sessions`);
    const { stdout, stderr } = await run('curl', args, { maxBuffer: 1024 * 1024 });
    const cut = stdout.lastIndexOf('\n');
    return { status: Number(stdout.slice(cut + 1)), text: stdout.slice(0, cut), trace: stderr };
  }

  test(`curl reads the 413 (${REPETITIONS} times, with its Expect: 100-continue)`, async () => {
    for (let i = 0; i < REPETITIONS; i++) {
      const { status, text, trace } = await curlPost(`@${bodyFile}`, []);
      assertTooLarge(status, text, limit);
      // Refused on the Expect check: no `100 Continue`, so the 8 MiB never leave the client.
      assert.match(trace, /> Expect: 100-continue/);
      assert.doesNotMatch(trace, /< HTTP\/1\.1 100/);
    }
  });

  test(`curl without Expect (the body is sent at once) reads the 413 too (${REPETITIONS} times)`, async () => {
    for (let i = 0; i < REPETITIONS; i++) {
      const { status, text } = await curlPost(`@${bodyFile}`, ['Expect:']);
      assertTooLarge(status, text, limit);
    }
  });

  test('a body within the limit after Expect: 100-continue is still accepted', async () => {
    const { status, text, trace } = await curlPost(JSON.stringify({ name: 'continued' }), ['Expect: 100-continue']);
    assert.equal(status, 201, text);
    assert.match(trace, /< HTTP\/1\.1 100 Continue/);
  });
});

// Per-client and per-tenant limits over real HTTP: requests without a valid token are limited per
// address; uploads in flight are capped (process-wide and per account) before a body byte is read;
// an account's media storage and session count have quotas; a slow request body is cut off; and
// the upload route takes multipart and refuses a body without a content type cleanly.
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { request, type IncomingMessage } from 'node:http';
import type { AddressInfo } from 'node:net';
import { connect } from 'node:net';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { createTestApp, type TestApp } from '../support/harness.js';

const PNG = Buffer.from(
  'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==',
  'base64',
);

async function listen(t: TestApp): Promise<number> {
  await t.app.listen({ port: 0, host: '127.0.0.1' });
  return (t.app.server.address() as AddressInfo).port;
}

/** Starts an upload that sends only part of its body and holds; `finish()` sends the rest. */
function heldUpload(port: number, token: string, body: Buffer): Promise<{ finish(): Promise<number>; abort(): void }> {
  return new Promise((resolve, reject) => {
    let answered: (res: IncomingMessage) => void = () => {};
    const response = new Promise<IncomingMessage>((r) => (answered = r));
    const req = request(
      {
        host: '127.0.0.1',
        port,
        method: 'POST',
        path: '/v1/media',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'image/png', 'content-length': body.length },
      },
      answered,
    );
    req.on('error', () => {});
    req.write(body.subarray(0, 8), () =>
      // The slot is taken once the request reached the route: give the server a moment.
      setTimeout(
        () =>
          resolve({
            finish: async () => {
              req.end(body.subarray(8));
              const res = await response;
              res.resume();
              return res.statusCode ?? 0;
            },
            abort: () => req.destroy(),
          }),
        150,
      ),
    );
    req.on('error', reject);
  });
}

async function post(
  port: number,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<{ status: number; json: { error?: { code: string; field: string | null } } }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (text += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, json: text ? JSON.parse(text) : {} }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

describe('requests without a valid token are limited per client address', () => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ env: { WAGATE_AUTH_FAILURES_PER_MINUTE: '5' } });
  });
  after(() => t.close());

  test('after 5 refused tokens a client gets 429 (also with a fresh random token); a valid token still works', async () => {
    const { token } = await t.createAccount();
    const codes: number[] = [];
    for (let i = 0; i < 8; i++)
      codes.push((await t.request(i % 2 ? null : `wg_pat_${'x'.repeat(40)}${i}`, 'GET', '/v1/sessions')).statusCode);
    assert.deepEqual(codes, [401, 401, 401, 401, 401, 429, 429, 429]);
    const limited = await t.request(`wg_pat_${'y'.repeat(43)}`, 'GET', '/v1/sessions');
    assert.equal(limited.body.error.code, 'RATE_LIMITED');
    assert.ok(Number(limited.headers['retry-after']) >= 1);
    assert.equal((await t.request(token, 'GET', '/v1/sessions')).statusCode, 200);
  });
});

describe('uploads in flight are capped before the body is read', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await createTestApp({
      env: { WAGATE_UPLOADS_MAX_IN_FLIGHT: '2', WAGATE_UPLOADS_MAX_IN_FLIGHT_PER_ACCOUNT: '1' },
    });
    port = await listen(t);
  });
  after(() => t.close());

  test('per account, then process-wide: 429 UPLOADS_BUSY; slots come back when uploads end or are aborted', async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const c = await t.createAccount();
    const held = await heldUpload(port, a.token, PNG);
    const busy = await post(
      port,
      '/v1/media',
      { authorization: `Bearer ${a.token}`, 'content-type': 'image/png' },
      PNG,
    );
    assert.equal(busy.status, 429);
    assert.equal(busy.json.error?.code, 'UPLOADS_BUSY');
    const heldB = await heldUpload(port, b.token, PNG);
    const full = await post(
      port,
      '/v1/media',
      { authorization: `Bearer ${c.token}`, 'content-type': 'image/png' },
      PNG,
    );
    assert.equal(full.status, 429, 'the process-wide cap');
    assert.equal(await held.finish(), 201);
    heldB.abort();
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(
      (await post(port, '/v1/media', { authorization: `Bearer ${a.token}`, 'content-type': 'image/png' }, PNG)).status,
      201,
    );
    assert.equal(
      (await post(port, '/v1/media', { authorization: `Bearer ${c.token}`, 'content-type': 'image/png' }, PNG)).status,
      201,
    );
  });
});

describe('quotas per account: media storage bytes and sessions', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await createTestApp({ env: { WAGATE_ACCOUNT_STORAGE_BYTES: '3000', WAGATE_ACCOUNT_MAX_SESSIONS: '2' } });
    port = await listen(t);
  });
  after(() => t.close());

  test('an upload over the remaining storage → 403 STORAGE_QUOTA_EXCEEDED, nothing left on disk; other accounts unaffected', async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const file = Buffer.alloc(2000, 'a');
    const up = (token: string) =>
      post(port, '/v1/media', { authorization: `Bearer ${token}`, 'content-type': 'text/plain' }, file);
    assert.equal((await up(a.token)).status, 201);
    const before = readdirSync(join(t.config.dataDir, 'media'), { recursive: true }).length;
    const over = await up(a.token);
    assert.equal(over.status, 403);
    assert.equal(over.json.error?.code, 'STORAGE_QUOTA_EXCEEDED');
    // Without Content-Length (chunked), the write itself stops at the quota.
    const chunked = await new Promise<number>((resolve, reject) => {
      const req = request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/v1/media',
          headers: { authorization: `Bearer ${a.token}`, 'content-type': 'text/plain', 'transfer-encoding': 'chunked' },
        },
        (res) => {
          res.resume();
          resolve(res.statusCode ?? 0);
        },
      );
      req.on('error', reject);
      req.write(file.subarray(0, 500));
      req.end(file.subarray(500));
    });
    assert.equal(chunked, 403);
    assert.equal(
      readdirSync(join(t.config.dataDir, 'media'), { recursive: true }).length,
      before,
      'no file from the refused uploads',
    );
    assert.equal((await up(b.token)).status, 201);
  });

  test('a third session → 403 SESSION_LIMIT_REACHED; after a deletion there is room again', async () => {
    const { token } = await t.createAccount();
    assert.equal((await t.request(token, 'POST', '/v1/sessions', { name: 'q1' })).statusCode, 201);
    assert.equal((await t.request(token, 'POST', '/v1/sessions', { name: 'q2' })).statusCode, 201);
    const third = await t.request(token, 'POST', '/v1/sessions', { name: 'q3' });
    assert.equal(third.statusCode, 403);
    assert.equal(third.body.error.code, 'SESSION_LIMIT_REACHED');
    assert.equal((await t.request(token, 'DELETE', '/v1/sessions/q1')).statusCode, 202);
    await t.idle();
    assert.equal((await t.request(token, 'POST', '/v1/sessions', { name: 'q3' })).statusCode, 201);
  });
});

describe('request bodies: slow ones are cut off; multipart; no content type', () => {
  let t: TestApp;
  let port: number;
  before(async () => {
    t = await createTestApp({ env: { WAGATE_REQUEST_TIMEOUT: '1s' } });
    port = await listen(t);
  });
  after(() => t.close());

  test('a body that never finishes is answered 408 and its connection closed within a few seconds', async () => {
    const { token } = await t.createAccount();
    const started = Date.now();
    const outcome = await new Promise<string>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      let data = '';
      socket.setEncoding('utf8');
      socket.on('data', (c: string) => (data += c));
      socket.on('close', () => resolve(data.split('\r\n')[0] ?? 'closed'));
      socket.on('error', () => {});
      socket.write(
        `POST /v1/sessions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer ${token}\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"na`,
      );
      setTimeout(() => socket.destroy(), 10_000).unref();
    });
    assert.match(outcome, /408|closed|^$/);
    assert.ok(Date.now() - started < 5_000, `cut off after ${Date.now() - started} ms`);
  });

  test('multipart/form-data: the file part is stored with its type and name', async () => {
    const { token } = await t.createAccount();
    const form = new FormData();
    form.append('caption', 'ignored field');
    form.append('file', new Blob([PNG], { type: 'image/png' }), 'dot.png');
    const res = await fetch(`http://127.0.0.1:${port}/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: form,
    });
    assert.equal(res.status, 201);
    const { media } = (await res.json()) as { media: { mimetype: string; file_name: string; size: number } };
    assert.deepEqual([media.mimetype, media.file_name, media.size], ['image/png', 'dot.png', PNG.length]);
    const empty = new FormData();
    empty.append('caption', 'no file');
    const none = await fetch(`http://127.0.0.1:${port}/v1/media`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}` },
      body: empty,
    });
    assert.equal(none.status, 400);
    assert.equal(((await none.json()) as { error: { field: string } }).error.field, 'file');
  });

  test('no Content-Type, with and without a body → 4xx naming the body, never 500', async () => {
    const { token } = await t.createAccount();
    const withBody = await post(port, '/v1/media', { authorization: `Bearer ${token}` }, PNG);
    assert.ok(withBody.status === 201 || (withBody.status >= 400 && withBody.status < 500), String(withBody.status));
    const noBody = await post(port, '/v1/media', { authorization: `Bearer ${token}`, 'content-length': '0' });
    assert.equal(noBody.status, 400);
    assert.equal(noBody.json.error?.field, 'body');
  });

  test('a JSON base64 body over 24 MiB → 413 (larger files go raw or multipart)', async () => {
    const { token } = await t.createAccount();
    const res = await post(
      port,
      '/v1/media',
      { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      Buffer.from(JSON.stringify({ base64: 'A'.repeat(25 * 1024 * 1024) })),
    );
    assert.equal(res.status, 413);
  });
});

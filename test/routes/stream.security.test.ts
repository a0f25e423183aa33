// Streams outlive the request that authenticated them: revoking or rotating the key that opened an
// SSE or WebSocket stream, or deleting the session it is scoped to, must close it within a second.
import assert from 'node:assert/strict';
import { request } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import WebSocket from 'ws';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

/** Opens an SSE stream; resolves once it is open, with a promise of when the server ends it. */
function openSse(base: string, token: string, path = '/v1/events'): Promise<{ ended: Promise<void>; close(): void }> {
  return new Promise((resolve, reject) => {
    const req = request(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      if (res.statusCode !== 200) return reject(new Error(`SSE status ${res.statusCode}`));
      const ended = new Promise<void>((done) => {
        res.on('end', done);
        res.on('close', done);
      });
      res.resume();
      resolve({ ended, close: () => req.destroy() });
    });
    req.on('error', () => {});
    req.end();
  });
}

async function openWs(
  base: string,
  token: string,
  path = '/v1/events/ws',
): Promise<{ closed: Promise<number>; ws: WebSocket }> {
  const ws = new WebSocket(`${base.replace('http', 'ws')}${path}`, { headers: { authorization: `Bearer ${token}` } });
  const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
  ws.on('error', () => {});
  await new Promise((r) => ws.once('open', r));
  return { closed, ws };
}

/** Resolves with the milliseconds until `p` settled, or rejects after `limitMs`. */
async function within<T>(p: Promise<T>, limitMs: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  try {
    return await Promise.race([
      p,
      new Promise<never>(
        (_, reject) =>
          (timer = setTimeout(() => reject(new Error(`${what}: still open after ${limitMs} ms`)), limitMs)),
      ),
    ]);
  } finally {
    clearTimeout(timer);
  }
}

forEachDialect((dialect) => {
  let t: TestApp;
  let base: string;
  before(async () => {
    t = await createTestApp({ dialect });
    await t.app.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
  });
  after(() => t.close());

  test('rotating a session key closes the SSE and WebSocket streams it opened within 1 s; the new key streams', async (ctx) => {
    const { token } = await t.createAccount();
    const s = (await t.request(token, 'POST', '/v1/sessions', { name: 'rot' })).body;
    const sse = await openSse(base, s.session_key.token);
    const ws = await openWs(base, s.session_key.token);
    const other = await openSse(base, token);
    ctx.after(() => {
      sse.close();
      ws.ws.terminate();
      other.close();
    });
    await new Promise((r) => setTimeout(r, 400)); // a round of checks passes with the key still valid
    const rotated = await t.request(token, 'POST', `/v1/sessions/${s.session.id}/rotate-key`);
    assert.equal(rotated.statusCode, 200);
    await within(sse.ended, 1_000, 'SSE after rotate-key');
    assert.equal(await within(ws.closed, 1_000, 'WebSocket after rotate-key'), 1008);
    // The PAT's stream is untouched, and the new key opens a stream.
    const fresh = await openSse(base, rotated.body.session_key.token);
    ctx.after(() => fresh.close());
    const stillOpen = await Promise.race([
      other.ended.then(() => 'ended'),
      new Promise((r) => setTimeout(() => r('open'), 700)),
    ]);
    assert.equal(stillOpen, 'open');
  });

  test("deleting a session closes its key's streams and a PAT stream scoped to it within 1 s", async (ctx) => {
    const { token } = await t.createAccount();
    const s = (await t.request(token, 'POST', '/v1/sessions', { name: 'del' })).body;
    const byKey = await openWs(base, s.session_key.token);
    const byPat = await openSse(base, token, `/v1/events?session_id=${s.session.id}`);
    const wsByPat = await openWs(base, token, `/v1/events/ws?session_id=del`);
    ctx.after(() => {
      byKey.ws.terminate();
      byPat.close();
      wsByPat.ws.terminate();
    });
    assert.equal((await t.request(token, 'DELETE', `/v1/sessions/${s.session.id}`)).statusCode, 202);
    await within(byKey.closed, 1_000, 'session key WebSocket after delete');
    await within(byPat.ended, 1_000, 'PAT SSE scoped to the deleted session');
    await within(wsByPat.closed, 1_000, 'PAT WebSocket scoped to the deleted session');
    await t.idle();
  });
});

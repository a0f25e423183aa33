// The WabSync surface (/wabsync) end to end over real HTTP against a wagate linked to the simulator:
// a session created and linked by QR through WabSync's own endpoints, text, file and location sends
// that reach the simulated contact, webhooks delivered to a loopback receiver in WabSync's signed
// format, token rules and errors. Every response is checked against the OpenAPI document the
// server publishes at /wabsync/openapi.json (itself validated), and every operation in it is called.
import assert from 'node:assert/strict';
import { createHmac, timingSafeEqual } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import SwaggerParser from '@apidevtools/swagger-parser';
import { createTestApp, type TestApp } from '../../support/harness.js';
import { startReceiver, type ReceivedRequest, type Receiver } from '../../support/receiver.js';
import { startTestSim, testPhone, waitFor, type TestSim } from '../../support/sim.js';
import { openApiOracle, type Oracle } from './oracle.js';

const PNG = 'iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

interface InboxItem {
  id: string;
  type?: string;
  text?: string;
  media?: { mimetype: string; file_name?: string };
  location?: { latitude: number; longitude: number; name?: string };
}

/** Verifies `X-WabSync-Signature: t=…,v1=…` as a receiver would (HMAC-SHA256 over "t.body", 5 min window). */
function verifySignature(secret: string, header: string, rawBody: string): boolean {
  const parts = Object.fromEntries(header.split(',').map((p) => p.split('=', 2) as [string, string]));
  const t = Number(parts['t']);
  const v1 = parts['v1'] ?? '';
  if (!Number.isInteger(t) || Math.abs(Date.now() / 1000 - t) > 300) return false;
  const expected = createHmac('sha256', secret).update(`${t}.${rawBody}`).digest('hex');
  return expected.length === v1.length && timingSafeEqual(Buffer.from(expected), Buffer.from(v1));
}

describe('wabsync surface through the simulator', () => {
  let sim: TestSim;
  let t: TestApp;
  let base: string;
  let oracle: Oracle;
  let receiver: Receiver;
  let files: Server;
  let filesUrl: string;
  let pat: string; // WBT|wg_pat_…
  let me: { phone: string };
  let contact: { phone: string };
  let sessionId: string; // UUID
  let sessionToken: string; // WBT|wg_sk_…
  let secret: string;
  const covered = new Set<string>();

  /** A WabSync call over HTTP; the answer must match the published document and carry X-RateLimit-*. */
  async function call(
    token: string | null,
    method: 'GET' | 'POST' | 'DELETE',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: any; headers: Headers }> {
    const res = await fetch(`${base}/wabsync/api/v1${path}`, {
      method,
      headers: {
        ...(token ? { authorization: `Bearer ${token}` } : {}),
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    const parsed = text ? JSON.parse(text) : undefined;
    assert.deepEqual(oracle.errors(method, path, res.status, parsed), [], `${method} ${path}: ${text}`);
    assert.equal(res.headers.get('x-ratelimit-limit'), String(t.config.limits.requestsPerMinute));
    assert.match(res.headers.get('x-ratelimit-remaining') ?? '', /^\d+$/);
    const reset = Number(res.headers.get('x-ratelimit-reset'));
    assert.ok(
      reset >= Date.now() / 1000 - 1 && reset <= Date.now() / 1000 + 61,
      `X-RateLimit-Reset is a Unix time: ${reset}`,
    );
    if (res.status < 300) covered.add(oracle.operationOf(method, path) ?? `${method} ${path}`);
    return { status: res.status, body: parsed, headers: res.headers };
  }

  async function inbox(): Promise<InboxItem[]> {
    return sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
  }

  async function hooks(event: string, when: (r: ReceivedRequest) => boolean = () => true): Promise<ReceivedRequest> {
    await receiver.waitFor((rs) => rs.some((r) => (r.json as { event?: string })?.event === event && when(r)), 20_000);
    const hit = receiver.requests.find((r) => (r.json as { event?: string })?.event === event && when(r));
    assert.ok(hit);
    return hit;
  }

  before(async () => {
    sim = await startTestSim();
    receiver = await startReceiver();
    files = createServer((req, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.end(`report for ${req.url}\n`);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    filesUrl = `http://127.0.0.1:${(files.address() as AddressInfo).port}`;
    t = await createTestApp({
      env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
      overrides: { waWebSocketUrl: sim.handle.wsUrl, mediaCaPem: [sim.handle.mediaCaPem] },
    });
    t.container.webhooks.start();
    await t.app.listen({ host: '127.0.0.1', port: 0 });
    base = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`;
    pat = `WBT|${(await t.createAccount()).token}`;
    me = await sim.account(testPhone(), 'WabSync Me');
    contact = await sim.account(testPhone(), 'WabSync Contact');
  });
  after(async () => {
    await t?.close();
    await sim?.close();
    await receiver?.close();
    await new Promise((resolve) => files?.close(resolve));
  });

  test('the OpenAPI document is served without a token and is a valid OpenAPI 3.1 document', async () => {
    const res = await fetch(`${base}/wabsync/openapi.json`);
    assert.equal(res.status, 200);
    const doc = (await res.json()) as Record<string, unknown>;
    await SwaggerParser.validate(structuredClone(doc) as never);
    assert.equal(doc['openapi'], '3.1.0');
    oracle = openApiOracle(doc);
    assert.ok(oracle.operations().includes('POST /session/create'), 'the one endpoint the public page shows');
  });

  test('session/create (account token) → 201 with a WBT| session token; QR through WabSync links it', async () => {
    const created = await call(pat, 'POST', '/session/create', { session_name: 'My Session' });
    assert.equal(created.status, 201);
    assert.equal(created.body.success, true);
    assert.match(created.body.data.id, UUID);
    assert.equal(created.body.data.name, 'My Session');
    assert.match(created.body.data.token, /^WBT\|wg_sk_/);
    sessionId = created.body.data.id;
    sessionToken = created.body.data.token;

    const qr = await call(sessionToken, 'GET', `/session/${sessionId}/qr?wait=15`);
    assert.equal(qr.status, 200, JSON.stringify(qr.body));
    assert.equal(qr.body.data.session_id, sessionId);
    assert.match(qr.body.data.qr_image, /^data:image\/png;base64,/);
    await sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr: qr.body.data.qr });
    const status = await waitFor('the session to be connected', async () => {
      const s = await call(sessionToken, 'GET', `/session/${sessionId}/status`);
      return s.body.data.connected ? s.body.data : undefined;
    });
    assert.equal(status.status, 'connected');
    assert.equal(status.last_error, null);
    // Test speed only: no pacing between the sends below (a /v1 setting; WabSync has none).
    const wagateId = `ses_${sessionId.replace(/-/g, '')}`;
    const patched = await t.request(pat.slice(4), 'PATCH', `/v1/sessions/${wagateId}/settings`, {
      account_protection: false,
    });
    assert.equal(patched.statusCode, 200, 'the UUID is the wagate session id');
  });

  test('list and get: the account token sees every session, a session token its own', async () => {
    const other = await call(pat, 'POST', '/session/create', { session_name: 'Second' });
    assert.equal(other.status, 201);
    const all = await call(pat, 'GET', '/session/list');
    assert.deepEqual(all.body.data.map((s: { id: string }) => s.id).sort(), [sessionId, other.body.data.id].sort());
    const own = await call(sessionToken, 'GET', '/session/list');
    assert.deepEqual(
      own.body.data.map((s: { id: string }) => s.id),
      [sessionId],
    );
    const one = await call(sessionToken, 'GET', `/session/${sessionId}`);
    assert.equal(one.body.data.status, 'connected');
    assert.equal(one.body.data.phone_number, `+${me.phone}`);
    const foreign = await call(sessionToken, 'GET', `/session/${other.body.data.id}`);
    assert.equal(foreign.status, 404);
    assert.equal(foreign.body.code, 'SESSION_NOT_FOUND');
    const bare = await call(pat.slice(4), 'GET', `/session/${sessionId}`);
    assert.equal(bare.status, 200, 'the wagate token without the WBT| prefix works too');
    const gone = await call(pat, 'DELETE', `/session/${other.body.data.id}`);
    assert.equal(gone.status, 200);
    assert.deepEqual(gone.body.data, { id: other.body.data.id, deleted: true });
    await waitFor(
      'the deletion to finish',
      async () => (await call(pat, 'GET', `/session/${other.body.data.id}`)).status === 404,
    );
    assert.equal((await call(other.body.data.token, 'GET', '/session/list')).status, 401, 'its token died with it');
  });

  test('tokens and validation: 401 for a bad token or a session token on create, 422 naming the field', async () => {
    const none = await call(null, 'GET', '/session/list');
    assert.equal(none.status, 401);
    assert.deepEqual(Object.keys(none.body).sort(), ['code', 'details', 'error', 'message']);
    assert.equal(none.body.error, true);
    assert.equal(none.body.code, 'UNAUTHORIZED');
    assert.equal((await call('WBT|wg_pat_nope', 'GET', '/session/list')).status, 401);
    const kind = await call(sessionToken, 'POST', '/session/create', { session_name: 'x' });
    assert.equal(kind.status, 401);
    assert.equal(kind.body.code, 'TOKEN_KIND_FORBIDDEN');
    const missing = await call(pat, 'POST', '/session/create', {});
    assert.equal(missing.status, 422);
    assert.equal(missing.body.code, 'VALIDATION_FAILED');
    assert.deepEqual(missing.body.details, { session_name: 'session_name: required' });
    assert.equal(missing.body.message, 'session_name: required');
    const long = await call(pat, 'POST', '/session/create', { session_name: 'x'.repeat(101) });
    assert.equal(long.status, 422);
    const noSession = await call(pat, 'POST', '/message/send-text', { to: `+${contact.phone}`, text: 'hi' });
    assert.equal(noSession.status, 422);
    assert.ok(noSession.body.details.session_id);
    const badTo = await call(sessionToken, 'POST', '/message/send-text', { to: 'not a number', text: 'hi' });
    assert.equal(badTo.status, 422);
    assert.ok(badTo.body.details.to, JSON.stringify(badTo.body));
    const both = await call(sessionToken, 'POST', '/message/send-file', {
      to: `+${contact.phone}`,
      url: `${filesUrl}/a.txt`,
      base64: PNG,
    });
    assert.equal(both.status, 422);
    assert.ok(both.body.details.url);
    const res = await fetch(`${base}/wabsync/api/v1/session/create`, {
      method: 'POST',
      headers: { authorization: `Bearer ${pat}`, 'content-type': 'application/json' },
      body: '{"session_name":',
    });
    assert.equal(res.status, 400);
    const broken = await res.json();
    assert.deepEqual(oracle.errors('POST', '/session/create', 400, broken), []);
    assert.equal((broken as { code: string }).code, 'INVALID_JSON');
  });

  test('webhook: set (201, then 200 replacing it), read; a send reports message.status in WabSync format, signed', async () => {
    const set = await call(sessionToken, 'POST', '/webhook', { url: receiver.url });
    assert.equal(set.status, 201);
    assert.equal(set.body.data.session_id, sessionId);
    assert.deepEqual(set.body.data.events, []);
    assert.ok(set.body.data.secret.length >= 16);
    secret = 'wabsync-test-secret-0123456789';
    const replaced = await call(pat, 'POST', '/webhook', {
      session_id: sessionId,
      url: receiver.url,
      events: ['message.status', 'message.received', 'webhook.test'],
      secret,
    });
    assert.equal(replaced.status, 200);
    assert.equal(replaced.body.data.id, set.body.data.id, 'one webhook per session');
    assert.equal(replaced.body.data.secret, secret);
    const read = await call(sessionToken, 'GET', '/webhook');
    assert.deepEqual(read.body.data.events, ['message.status', 'message.received', 'webhook.test']);
    assert.equal(read.body.data.secret, undefined, 'the secret is shown only when set');
    const unknown = await call(sessionToken, 'POST', '/webhook', { url: receiver.url, events: ['nope'] });
    assert.equal(unknown.status, 422);
    assert.equal(unknown.body.code, 'UNKNOWN_EVENT');
    assert.ok(unknown.body.details['events.0']);

    const sent = await call(sessionToken, 'POST', '/message/send-text', {
      to: `+${contact.phone}`,
      text: 'hello from wabsync',
    });
    assert.equal(sent.status, 201);
    assert.equal(sent.body.message, 'Message queued');
    assert.match(sent.body.data.id, UUID);
    assert.equal(sent.body.data.session_id, sessionId);
    assert.equal(sent.body.data.type, 'text');
    assert.equal(sent.body.data.to, `${contact.phone}@s.whatsapp.net`);
    const messageId = sent.body.data.id;

    const delivered = await waitFor('the text at the contact', async () => {
      const m = await call(sessionToken, 'GET', `/message/${messageId}`);
      const items = await inbox();
      return m.body.data.whatsapp_id && items.find((i) => i.id === m.body.data.whatsapp_id);
    });
    assert.equal(delivered.text, 'hello from wabsync');

    const hook = await hooks(
      'message.status',
      (r) => (r.json as { data: { message_id: string } }).data.message_id === messageId,
    );
    const body = hook.json as {
      event: string;
      event_id: string;
      session_id: string;
      timestamp: number;
      data: Record<string, unknown>;
    };
    assert.deepEqual(Object.keys(body).sort(), ['data', 'event', 'event_id', 'session_id', 'timestamp']);
    assert.match(body.event_id, UUID);
    assert.equal(body.session_id, sessionId);
    assert.ok(Number.isInteger(body.timestamp));
    assert.equal(hook.headers['x-wabsync-event'], 'message.status');
    assert.equal(hook.headers['x-wabsync-delivery'], body.event_id);
    assert.ok(verifySignature(secret, String(hook.headers['x-wabsync-signature']), hook.body), 'signature verifies');
    assert.ok(!verifySignature('another-secret-0123456789', String(hook.headers['x-wabsync-signature']), hook.body));
    // Only the subscribed events come: message.sent was not asked for.
    assert.ok(!receiver.requests.some((r) => (r.json as { event?: string })?.event === 'message.sent'));
  });

  test('an inbound message reaches the webhook as message.received', async () => {
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'hi wabsync' });
    const hook = await hooks('message.received', (r) => JSON.stringify(r.json).includes('hi wabsync'));
    const data = (hook.json as { data: { message: { id: string | null; text: string; raw?: unknown } } }).data;
    assert.equal(data.message.text, 'hi wabsync');
    if (data.message.id !== null) assert.match(data.message.id, UUID);
    assert.equal(data.message.raw, undefined, 'no raw protocol message');
    assert.ok(verifySignature(secret, String(hook.headers['x-wabsync-signature']), hook.body));
  });

  test('send-file by base64 (account token + session_id) and by URL, send-location: all reach the contact', async () => {
    const image = await call(pat, 'POST', '/message/send-file', {
      session_id: sessionId,
      to: `${contact.phone}@c.us`,
      base64: PNG,
      file_name: 'pixel.png',
      caption: 'a pixel',
    });
    assert.equal(image.status, 201, JSON.stringify(image.body));
    assert.equal(image.body.data.type, 'image');
    const doc = await call(sessionToken, 'POST', '/message/send-file', {
      to: `+${contact.phone}`,
      url: `${filesUrl}/report.txt`,
      file_name: 'report.txt',
    });
    assert.equal(doc.status, 201, JSON.stringify(doc.body));
    assert.equal(doc.body.data.type, 'document');
    const place = await call(sessionToken, 'POST', '/message/send-location', {
      to: `+${contact.phone}`,
      latitude: 48.8584,
      longitude: 2.2945,
      name: 'Eiffel Tower',
    });
    assert.equal(place.status, 201);
    assert.equal(place.body.data.type, 'location');
    const items = await waitFor('the file, document and location at the contact', async () => {
      const got = await inbox();
      const img = got.find((i) => i.type === 'image' && i.text === 'a pixel');
      const txt = got.find((i) => i.type === 'document' && i.media?.file_name === 'report.txt');
      const loc = got.find((i) => i.type === 'location' && i.location?.name === 'Eiffel Tower');
      return img && txt && loc ? { img, txt, loc } : undefined;
    }).catch(async (err: Error) => {
      const states = await Promise.all(
        [image, doc, place].map(async (m) => (await call(pat, 'GET', `/message/${m.body.data.id}`)).body.data),
      );
      throw new Error(`${err.message}; messages: ${JSON.stringify(states)}; inbox: ${JSON.stringify(await inbox())}`);
    });
    assert.equal(items.img.media?.mimetype, 'image/png');
    assert.equal(items.loc.location?.latitude, 48.8584);
    const mismatch = await call(sessionToken, 'POST', '/message/send-location', {
      session_id: '0190f3c2-a1b2-7c4d-8e9f-0a1b2c3d4e5f',
      to: `+${contact.phone}`,
      latitude: 1,
      longitude: 1,
    });
    assert.equal(mismatch.status, 422);
    assert.equal(mismatch.body.code, 'SESSION_MISMATCH');
    const unknown = await call(sessionToken, 'GET', '/message/0190f3c2-a1b2-7c4d-8e9f-0a1b2c3d4e5f');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.body.code, 'MESSAGE_NOT_FOUND');
  });

  test('webhook/test delivers webhook.test; delete removes the webhook (then 404)', async () => {
    const tested = await call(sessionToken, 'POST', '/webhook/test', {});
    assert.equal(tested.status, 200);
    const hook = await hooks(
      'webhook.test',
      (r) => (r.json as { event_id: string }).event_id === tested.body.data.event_id,
    );
    assert.ok(verifySignature(secret, String(hook.headers['x-wabsync-signature']), hook.body));
    const removed = await call(pat, 'DELETE', `/webhook?session_id=${sessionId}`);
    assert.equal(removed.status, 200);
    assert.equal(removed.body.data.deleted, true);
    const after = await call(sessionToken, 'GET', '/webhook');
    assert.equal(after.status, 404);
    assert.equal(after.body.code, 'WEBHOOK_NOT_FOUND');
    const account = await call(pat, 'POST', '/webhook', { url: receiver.url });
    assert.equal(account.status, 201);
    assert.equal(account.body.data.session_id, null, 'the account token without session_id: every session');
  });

  test('logout, connect again (a new QR), delete; a connected session has no QR (400)', async () => {
    const noQr = await call(sessionToken, 'GET', `/session/${sessionId}/qr?wait=0`);
    assert.equal(noQr.status, 400);
    assert.equal(noQr.body.code, 'QR_NOT_AVAILABLE');
    const out = await call(sessionToken, 'POST', `/session/${sessionId}/logout`);
    assert.equal(out.status, 200, JSON.stringify(out.body));
    await waitFor('logged out', async () => {
      const s = await call(sessionToken, 'GET', `/session/${sessionId}/status`);
      return s.body.data.status === 'logged_out' || undefined;
    });
    const again = await call(sessionToken, 'POST', `/session/${sessionId}/connect`);
    assert.equal(again.status, 200);
    const qr = await call(sessionToken, 'GET', `/session/${sessionId}/qr?wait=15`);
    assert.equal(qr.status, 200, JSON.stringify(qr.body));
    const kind = await call(sessionToken, 'DELETE', `/session/${sessionId}`);
    assert.equal(kind.status, 401);
    const deleted = await call(pat, 'DELETE', `/session/${sessionId}`);
    assert.equal(deleted.status, 200);
    assert.equal((await call(sessionToken, 'GET', `/session/${sessionId}`)).status, 401);
    assert.equal((await call(pat, 'GET', `/session/${sessionId}`)).status, 404);
  });

  test('every operation of the document was called with success', () => {
    assert.deepEqual(
      oracle.operations().filter((op) => !covered.has(op)),
      [],
    );
  });
});

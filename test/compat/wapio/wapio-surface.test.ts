// The Wapio surface (/wapio) end to end against the simulator: sessions, sends that reach the
// simulated contact, idempotency, MessageInfo, token rules and errors; every response is checked
// against Wapio's published OpenAPI (fixtures/wapio-openapi.yaml).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp, type TestResponse } from '../../support/harness.js';
import { startReceiver, type Receiver } from '../../support/receiver.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../../support/sim.js';
import { oracleErrors } from './oracle.js';
import { constructEvent, eventType, verifySignature, WebhookVerificationException } from './sdk-webhook.js';

describe('wapio surface through the simulator', () => {
  let sim: TestSim;
  let t: TestApp;
  let pat: string;
  let sessionId: string; // wagate's id
  let wapioId: string; // bps_sess_ws_…
  let sessionKey: string;
  let contact: { phone: string };
  let receiver: Receiver;
  let me: { phone: string };

  /** A /wapio call, its response checked against Wapio's OpenAPI. */
  async function call(
    token: string | null,
    method: 'GET' | 'POST' | 'PATCH' | 'PUT' | 'DELETE',
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<TestResponse> {
    const raw = await t.raw(method, `/wapio${path}`, token, body, headers);
    const parsed = raw.body ? JSON.parse(raw.body) : undefined;
    assert.deepEqual(oracleErrors(method, path, raw.statusCode, parsed), [], `${method} ${path}: ${raw.body}`);
    assert.ok(raw.headers['x-request-id'], 'x-request-id on every response');
    return { statusCode: raw.statusCode, headers: raw.headers, body: parsed, raw };
  }

  before(async () => {
    sim = await startTestSim();
    receiver = await startReceiver();
    t = await createTestApp({
      env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
      overrides: { waWebSocketUrl: sim.handle.wsUrl, mediaCaPem: [sim.handle.mediaCaPem] },
    });
    t.container.webhooks.start();
    ({ token: pat } = await t.createAccount());
    me = await sim.account(testPhone(), 'Wapio Sender');
    contact = await sim.account(testPhone(), 'Wapio Contact');
    sessionId = await linkSessionByQr(t, pat, sim, me.phone, 'wapio');
    await t.request(pat, 'PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
    const key = await t.request(pat, 'POST', `/v1/sessions/${sessionId}/rotate-key`);
    sessionKey = key.body.session_key.token;
  });
  after(async () => {
    await t?.close();
    await sim?.close();
    await receiver?.close();
  });

  test('sessions: list with a PAT is paginated; ids are in Wapio form', async () => {
    const res = await call(pat, 'GET', '/v1/whatsapp-sessions?limit=10');
    assert.equal(res.statusCode, 200);
    assert.equal(res.body.next_cursor, null);
    const s = res.body.data[0];
    assert.match(s.session_id, /^bps_sess_ws_[A-Za-z0-9_-]{22}$/);
    assert.match(s.account_id, /^bps_acc_/);
    assert.equal(s.status, 'connected');
    assert.equal(s.session_api_key_fingerprint, `bps_sk_••••${sessionKey.slice(-4)}`, "the active key's");
    wapioId = s.session_id;
    const one = await call(pat, 'GET', `/v1/whatsapp-sessions/${wapioId}`);
    assert.equal(one.body.session_id, wapioId);
  });

  test('create (PAT only) → 201 with a raw key once; a session key gets 403; rotate gives previous_fingerprint', async () => {
    const created = await call(pat, 'POST', '/v1/whatsapp-sessions', { label: 'second', settings: { typing: false } });
    assert.equal(created.statusCode, 201);
    assert.equal(created.body.session.status, 'disconnected');
    assert.match(created.body.session_api_key.fingerprint, /^bps_sk_••••.{4}$/);
    const newId = created.body.session.session_id;
    const newKey = created.body.session_api_key.raw;
    assert.match(newKey, /^bps_sk_[0-9A-Za-z]{43}$/, 'minted in Wapio form');
    assert.equal(created.body.session_api_key.fingerprint, `bps_sk_••••${newKey.slice(-4)}`);
    const own = await t.request(newKey, 'GET', '/v1/sessions');
    assert.equal(own.statusCode, 200, 'the bps_sk_ key works on /v1 as a session key');
    assert.equal(own.body.data.length, 1);
    const listed = await call(newKey, 'GET', '/v1/whatsapp-sessions');
    assert.deepEqual(
      listed.body.data.map((s: { session_id: string }) => s.session_id),
      [newId],
      'a session key sees only its session',
    );
    const refused = await call(newKey, 'POST', '/v1/whatsapp-sessions', {});
    assert.equal(refused.statusCode, 403);
    assert.equal(refused.body.reason_code, 'pat_required');
    const rotated = await call(pat, 'POST', `/v1/whatsapp-sessions/${newId}/regenerate-key`);
    assert.equal(rotated.statusCode, 200);
    assert.equal(rotated.body.session_api_key.previous_fingerprint, `bps_sk_••••${newKey.slice(-4)}`);
    assert.equal((await call(newKey, 'GET', '/v1/whatsapp-sessions')).statusCode, 401, 'the old key is revoked');
    assert.match(rotated.body.session_api_key.raw, /^bps_sk_/);
    assert.equal((await call(rotated.body.session_api_key.raw, 'GET', '/v1/whatsapp-sessions')).statusCode, 200);
    const settings = await call(pat, 'PATCH', `/v1/whatsapp-sessions/${newId}/settings`, { always_online: true });
    assert.equal(settings.body.session_settings.always_online, true);

    const deleted = await call(pat, 'DELETE', `/v1/whatsapp-sessions/${newId}`);
    assert.equal(deleted.statusCode, 202);
    assert.equal(deleted.body.session_id, newId);
    const done = await waitFor('the delete operation to finish', async () => {
      const op = await t.request(pat, 'GET', deleted.body.status_url);
      return op.statusCode === 200 && op.body.status === 'succeeded' ? op.body : undefined;
    });
    assert.equal(done.operation_id, deleted.body.operation_id);
  });

  test('send-message with a session key: 202 queued, reaches the contact, same Idempotency-Key → same message', async () => {
    const body = { to: `+${contact.phone}`, text: 'hello from wapio' };
    const headers = { 'idempotency-key': 'order:42:shipped' };
    const res = await call(sessionKey, 'POST', '/api/send-message', body, headers);
    assert.equal(res.statusCode, 202);
    assert.match(res.body.msgId, /^bps_msg_[0-9a-f]{32}$/);
    assert.equal(res.body.jid, `${contact.phone}@s.whatsapp.net`);
    const again = await call(sessionKey, 'POST', '/api/send-message', body, headers);
    assert.equal(again.body.msgId, res.body.msgId);
    const info = await waitFor('the message to reach the contact', async () => {
      const r = await call(sessionKey, 'GET', `/api/messages/${res.body.msgId}/info`);
      const inbox = await sim.control<Array<{ id: string; text?: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      return r.body.provider_msg_id && inbox.some((m) => m.id === r.body.provider_msg_id) ? r.body : undefined;
    });
    assert.equal(info.message_id, res.body.msgId);
    assert.equal(info.session_id, wapioId);
    assert.ok(info.events.length >= 1);
    const inbox = await sim.control<Array<{ id: string; text?: string }>>(
      'GET',
      `/sim/accounts/${contact.phone}/inbox`,
    );
    assert.equal(inbox.filter((m) => m.text === 'hello from wapio').length, 1, 'sent once despite the replay');

    const edit = await call(sessionKey, 'POST', `/api/messages/${res.body.msgId}/edit`, { text: 'edited' });
    assert.equal(edit.statusCode, 200);
  });

  test('a bps_pat_ personal access token (minted by /v1/tokens with prefix bps) works on /wapio and /v1', async () => {
    const minted = await t.request(pat, 'POST', '/v1/tokens', { name: 'wapio client', prefix: 'bps' });
    assert.equal(minted.statusCode, 201, JSON.stringify(minted.body));
    const bpsPat: string = minted.body.token.token;
    assert.match(bpsPat, /^bps_pat_[0-9A-Za-z]{43}$/);
    assert.match(minted.body.token.fingerprint, /^bps_pat_\.\.\./);
    const listed = await call(bpsPat, 'GET', '/v1/whatsapp-sessions');
    assert.ok(listed.body.data.some((x: { session_id: string }) => x.session_id === wapioId));
    assert.equal((await t.request(bpsPat, 'GET', '/v1/sessions')).statusCode, 200);
    const bad = await t.request(pat, 'POST', '/v1/tokens', { name: 'x', prefix: 'Bad-Brand' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.body.error.field, 'prefix');
  });

  test('send-message with a PAT names session_id; errors are Wapio-shaped', async () => {
    const headers = { 'idempotency-key': 'a1b2c3' };
    const ok = await call(
      pat,
      'POST',
      '/api/send-message',
      { session_id: wapioId, to: `+${contact.phone}`, text: 'via pat' },
      headers,
    );
    assert.equal(ok.statusCode, 202);
    const missing = await call(
      pat,
      'POST',
      '/api/send-message',
      { to: `+${contact.phone}`, text: 'x' },
      { 'idempotency-key': 'k2' },
    );
    assert.equal(missing.statusCode, 422);
    assert.deepEqual(Object.keys(missing.body.errors), ['session_id']);
    const noKey = await call(sessionKey, 'POST', '/api/send-message', { to: `+${contact.phone}`, text: 'x' });
    assert.equal(noKey.statusCode, 422);
    assert.equal(noKey.body.reason_code, 'validation_error');
    const mismatch = await call(
      sessionKey,
      'POST',
      '/api/send-message',
      { session_id: 'bps_sess_ws_AAAAAAAAAAAAAAAAAAAAAA', to: `+${contact.phone}`, text: 'x' },
      { 'idempotency-key': 'k3' },
    );
    assert.equal(mismatch.statusCode, 422);
    assert.equal(mismatch.body.reason_code, 'session_mismatch');
    const noTo = await call(sessionKey, 'POST', '/api/send-message', { text: 'x' }, { 'idempotency-key': 'k4' });
    assert.deepEqual(noTo.body, {
      success: false,
      message: 'Required',
      reason_code: 'validation_error',
      errors: { to: ['Required'] },
    });
    // A media URL that cannot be fetched: 502, not documented for this path by Wapio, so checked raw.
    const unreachable = await t.raw(
      'POST',
      '/wapio/api/send-message',
      sessionKey,
      { to: `+${contact.phone}`, kind: 'image', imageUrl: 'http://127.0.0.1:9/nothing.png' },
      { 'idempotency-key': 'k5' },
    );
    assert.equal(unreachable.statusCode, 502, unreachable.body);
    assert.equal(JSON.parse(unreachable.body).reason_code, 'upstream_error');
    const unknown = await call(pat, 'GET', '/api/messages/bps_msg_00000000000000000000000000000000/info');
    assert.equal(unknown.statusCode, 404);
    assert.equal(unknown.body.reason_code, 'not_found');
    const anon = await t.raw('GET', '/wapio/v1/whatsapp-sessions', null);
    assert.equal(anon.statusCode, 401);
    assert.equal(JSON.parse(anon.body).reason_code, 'unauthorized');
    assert.ok(anon.headers['x-ratelimit-limit'] === undefined || Number(anon.headers['x-ratelimit-reset']) > 1e9);
  });

  test("webhook: configured per session (PAT only), delivered in Wapio's envelope and verified like its SDK", async () => {
    const secret = 'whsec_0123456789abcdef';
    const path = `/v1/whatsapp-sessions/${wapioId}/webhook`;
    const config = {
      target_url: receiver.url,
      subscribed_events: ['messages.received'],
      signing_secret: secret,
      is_active: true,
    };
    assert.equal((await t.raw('PUT', `/wapio${path}`, sessionKey, config)).statusCode, 403);
    const put = await t.request(pat, 'PUT', `/wapio${path}`, config);
    assert.equal(put.statusCode, 200, JSON.stringify(put.body));
    const got = await t.request(pat, 'GET', `/wapio${path}`);
    assert.equal(got.body.target_url, receiver.url);
    assert.ok(got.body.subscribed_events.includes('messages.received'));
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'hi wapio hook' });
    await receiver.waitFor((reqs) => reqs.some((r) => r.body.includes('hi wapio hook')));
    const hook = receiver.requests.find((r) => r.body.includes('hi wapio hook'));
    assert.ok(hook);
    const signature = String(hook.headers['x-webhook-signature']);
    // As Wapio's SDK receives it: verified (HMAC, 300 s tolerance) and parsed, its type read.
    const envelope = constructEvent(secret, signature, hook.body);
    assert.equal(eventType(envelope), 'messages.received');
    assert.equal(envelope['event_type'], 'messages.received');
    const now = Math.floor(Date.now() / 1000);
    assert.throws(() => verifySignature('whsec_wrong_secret_0000', signature, hook.body), WebhookVerificationException);
    assert.throws(() => verifySignature(secret, signature, `${hook.body} `), WebhookVerificationException);
    assert.throws(() => verifySignature(secret, signature, hook.body, 300, now + 301), /tolerance/);
    assert.equal(hook.headers['x-webhook-event'], 'messages.received');
    assert.ok(envelope['payload'] && envelope['emitted_at'] && envelope['session_id']);

    // Its n8n trigger's default selection: a personal message arrives under the personal name, which
    // the trigger's filter (body.event among the selected names) keeps.
    const selected = ['messages.received', 'messages-personal.received', 'messages-group.received'];
    await t.request(pat, 'PUT', `/wapio${path}`, { ...config, subscribed_events: selected });
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'hi n8n' });
    await receiver.waitFor((reqs) => reqs.some((r) => r.body.includes('hi n8n')));
    const n8nHook = receiver.requests.find((r) => r.body.includes('hi n8n'));
    assert.ok(n8nHook);
    const n8nEvent = constructEvent(secret, String(n8nHook.headers['x-webhook-signature']), n8nHook.body);
    assert.equal(n8nEvent['event'], 'messages-personal.received');
    assert.ok(selected.includes(String(n8nEvent['event'])));

    const del = await t.request(pat, 'DELETE', `/wapio${path}`);
    assert.equal(del.statusCode, 200);
    assert.equal((await t.request(pat, 'GET', `/wapio${path}`)).body, null, 'no webhook left');
  });

  test('contacts: on-whatsapp resolves the contact; block and unblock answer 200', async () => {
    const on = await call(sessionKey, 'GET', `/api/on-whatsapp/+${contact.phone}`);
    assert.equal(on.statusCode, 200);
    assert.deepEqual(on.body, { exists: true, jid: `${contact.phone}@s.whatsapp.net` });
    const viaPat = await call(pat, 'GET', `/api/on-whatsapp/+${contact.phone}?session_id=${wapioId}`);
    assert.equal(viaPat.body.exists, true);
    assert.equal((await call(sessionKey, 'POST', `/api/contacts/+${contact.phone}/block`)).statusCode, 200);
    assert.equal((await call(sessionKey, 'POST', `/api/contacts/+${contact.phone}/unblock`)).statusCode, 200);
  });
  test('contacts: upsert, list (cursor), get, picture; with a PAT session_id is required', async () => {
    const saved = await call(sessionKey, 'PUT', '/api/contacts', { phone: `+${contact.phone}`, name: 'Wapio Friend' });
    assert.equal(saved.statusCode, 200, JSON.stringify(saved.body));
    assert.equal(saved.body.jid, `${contact.phone}@s.whatsapp.net`);
    assert.equal(saved.body.name, 'Wapio Friend');
    const one = await call(sessionKey, 'GET', `/api/contacts/+${contact.phone}`);
    assert.equal(one.body.name, 'Wapio Friend');
    const page = await call(sessionKey, 'GET', '/api/contacts?limit=1');
    assert.equal(page.statusCode, 200);
    assert.equal(page.body.data.length, 1);
    const all: string[] = [];
    let cursor: string | null = null;
    do {
      const res: TestResponse = await call(
        sessionKey,
        'GET',
        `/api/contacts?limit=1${cursor ? `&before_id=${encodeURIComponent(cursor)}` : ''}`,
      );
      all.push(...res.body.data.map((c: { jid: string }) => c.jid));
      cursor = res.body.next_cursor;
    } while (cursor);
    assert.ok(all.includes(`${contact.phone}@s.whatsapp.net`), all.join());
    assert.equal(new Set(all).size, all.length, 'no contact twice across pages');
    const pic = await call(sessionKey, 'GET', `/api/contacts/${contact.phone}@s.whatsapp.net/picture`);
    assert.equal(pic.statusCode, 200);
    assert.ok('imgUrl' in pic.body);
    const noSession = await t.raw('GET', '/wapio/api/contacts', pat);
    assert.equal(noSession.statusCode, 422);
    assert.deepEqual(Object.keys(JSON.parse(noSession.body).errors), ['session_id']);
    const viaPat = await call(pat, 'GET', `/api/contacts/+${contact.phone}?session_id=${wapioId}`);
    assert.equal(viaPat.body.name, 'Wapio Friend');
    const unknown = await t.raw('GET', '/wapio/api/contacts/+19990000077', sessionKey);
    assert.equal(unknown.statusCode, 404);
    assert.equal(JSON.parse(unknown.body).reason_code, 'not_found');
  });

  test('groups: create, read, participants, settings, invite, leave and rejoin, as the simulator sees them', async () => {
    interface SimGroup {
      subject: string;
      announce: boolean;
      invite_code: string;
      participants: Array<{ phone: string; role?: string }>;
    }
    const created = await call(sessionKey, 'POST', '/api/groups', {
      subject: 'Wapio team',
      participants: [`+${contact.phone}`],
    });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    const jid: string = created.body.group_jid;
    assert.match(jid, /@g\.us$/);
    const simGroup = () => sim.control<SimGroup>('GET', `/sim/groups/${jid}`);
    assert.deepEqual((await simGroup()).participants.map((p) => p.phone).sort(), [contact.phone, me.phone].sort());

    const listed = await call(sessionKey, 'GET', '/api/groups');
    assert.ok(listed.body.data.some((g: { jid: string }) => g.jid === jid));
    assert.equal((await call(sessionKey, 'GET', `/api/groups/${jid}`)).body.subject, 'Wapio team');
    const meta = await call(sessionKey, 'GET', `/api/groups/${jid}/metadata`);
    assert.equal(meta.body.participants.length, 2);
    const members = await call(sessionKey, 'GET', `/api/groups/${jid}/participants`);
    assert.ok(members.body.some((p: { phone: string }) => p.phone === `+${contact.phone}`));

    const third = await sim.account(testPhone(), 'Wapio Third');
    const added = await call(sessionKey, 'POST', `/api/groups/${jid}/participants`, { participants: [third.phone] });
    assert.equal(added.body[0].status, 200, JSON.stringify(added.body));
    assert.equal(added.body[0].message, 'added');
    assert.ok((await simGroup()).participants.some((p) => p.phone === third.phone));
    await call(sessionKey, 'POST', `/api/groups/${jid}/participants/promote`, { participants: [third.phone] });
    assert.equal((await simGroup()).participants.find((p) => p.phone === third.phone)?.role, 'admin');
    await call(sessionKey, 'POST', `/api/groups/${jid}/participants/demote`, { participants: [third.phone] });
    assert.ok(!(await simGroup()).participants.find((p) => p.phone === third.phone)?.role);
    const removed = await call(sessionKey, 'DELETE', `/api/groups/${jid}/participants`, {
      participants: [third.phone],
    });
    assert.equal(removed.body[0].message, 'removed');
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === third.phone));

    const settings = await call(sessionKey, 'PUT', `/api/groups/${jid}/settings`, {
      announce: true,
      subject: 'Renamed',
    });
    assert.equal(settings.statusCode, 200, JSON.stringify(settings.body));
    assert.equal((await simGroup()).announce, true);
    assert.equal((await simGroup()).subject, 'Renamed');
    // Wapio's document lists only 200 here; 422 is its general answer to a bad body (§3.1).
    const junk = await t.raw('PUT', `/wapio/api/groups/${jid}/settings`, sessionKey, { key_0: 712 });
    assert.equal(junk.statusCode, 422);
    assert.match(JSON.parse(junk.body).errors.body[0], /key_0/);
    assert.equal((await call(sessionKey, 'GET', `/api/groups/${jid}/picture`)).statusCode, 200);

    const link = await call(sessionKey, 'GET', `/api/groups/${jid}/invite-link`);
    assert.equal(link.body.invite_code, (await simGroup()).invite_code);
    assert.equal(link.body.inviteLink, `https://chat.whatsapp.com/${link.body.invite_code}`);
    const info = await call(sessionKey, 'GET', `/api/groups/invite/${link.body.invite_code}`);
    assert.equal(info.body.id, jid);

    const left = await call(sessionKey, 'POST', `/api/groups/${jid}/leave`);
    assert.equal(left.statusCode, 200, JSON.stringify(left.body));
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === me.phone));
    const joined = await call(sessionKey, 'POST', '/api/groups/invite/accept', { invite_code: link.body.invite_code });
    assert.equal(joined.statusCode, 200, JSON.stringify(joined.body));
    assert.equal(joined.body.id, jid);
    assert.ok((await simGroup()).participants.some((p) => p.phone === me.phone));
  });

  test('channels: message logs show a channel post with its @newsletter id; send-message posts to it', async () => {
    const theirs = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/newsletters`, {
      name: 'Wapio news',
    });
    const followed = await t.request(pat, 'POST', `/v1/sessions/${sessionId}/channels/${theirs.id}/follow`);
    assert.equal(followed.statusCode, 200, JSON.stringify(followed.body));
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: theirs.id, text: 'channel hello' });
    const logged = await waitFor('the channel post in the message logs', async () => {
      const logs = await call(sessionKey, 'GET', `/api/whatsapp-sessions/${wapioId}/message-logs?limit=50`);
      return logs.body.data.find((m: { content: string }) => m.content.includes('channel hello'));
    });
    assert.equal(logged.jid, theirs.id);
    assert.equal(logged.direction, 'incoming');
    const page = await call(sessionKey, 'GET', `/api/whatsapp-sessions/${wapioId}/message-logs?limit=1`);
    assert.equal(page.body.data.length, 1);
    assert.ok(page.body.next_cursor);
    const next = await call(
      sessionKey,
      'GET',
      `/api/whatsapp-sessions/${wapioId}/message-logs?limit=1&before_id=${page.body.next_cursor}`,
    );
    assert.notEqual(next.body.data[0].id, page.body.data[0].id);

    const mine = await t.request(pat, 'POST', `/v1/sessions/${sessionId}/channels`, { name: 'Wapio own' });
    assert.equal(mine.statusCode, 201, JSON.stringify(mine.body));
    const channelId: string = mine.body.channel.id;
    await sim.control('POST', `/sim/accounts/${contact.phone}/newsletters/${channelId}/follow`);
    const post = await call(
      sessionKey,
      'POST',
      '/api/send-message',
      { session_id: wapioId, channel_id: channelId, kind: 'text', text: 'Hello channel from Wapio' },
      { 'idempotency-key': 'channel-post-1' },
    );
    assert.equal(post.statusCode, 202, JSON.stringify(post.body));
    assert.equal(post.body.jid, channelId);
    await waitFor('the follower to receive the post', async () => {
      const inbox = await sim.control<Array<{ text?: string }>>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.some((m) => m.text === 'Hello channel from Wapio') || undefined;
    });
  });
  test("the SDK's extra endpoints (not in the seed or the OpenAPI): status, user, session logs", async () => {
    const status = await t.request(sessionKey, 'GET', '/wapio/api/status');
    assert.deepEqual(status.body, { status: 'connected' });
    const user = await t.request(sessionKey, 'GET', '/wapio/api/user');
    assert.equal(user.statusCode, 200, JSON.stringify(user.body));
    assert.match(user.body.id, new RegExp(`^${me.phone}(:\\d+)?@s\\.whatsapp\\.net$`));
    const logs = await t.request(sessionKey, 'GET', `/wapio/api/whatsapp-sessions/${wapioId}/session-logs?limit=2`);
    assert.equal(logs.statusCode, 200, JSON.stringify(logs.body));
    assert.equal(logs.body.data.length, 2);
    assert.equal(logs.body.data[0].whatsapp_session_id, wapioId);
    assert.ok(logs.body.next_cursor);
    const more = await t.request(
      sessionKey,
      'GET',
      `/wapio/api/whatsapp-sessions/${wapioId}/session-logs?limit=2&before_id=${logs.body.next_cursor}`,
    );
    assert.notEqual(more.body.data[0].id, logs.body.data[0].id);
    const viaPat = await t.request(pat, 'GET', `/wapio/api/status?session_id=${wapioId}`);
    assert.equal(viaPat.body.status, 'connected');
  });
  test('decrypt-media (SDK extra) with the fields of a received document gives the same file', async () => {
    const pdf = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
    const sent = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      document: { base64: pdf.toString('base64'), mimetype: 'application/pdf', file_name: 'w.pdf' },
    });
    const stored = await waitFor('the document stored', async () => {
      const list = await t.request(pat, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return (list.body.data as Array<{ id: string; wa_id: string }>).find((m) => m.wa_id === sent.id);
    });
    type Media = Record<string, unknown>;
    const raw = (await t.container.store.messages.findByIdInternal(stored.id))?.raw as {
      message: { documentMessage?: Media; documentWithCaptionMessage?: { message?: { documentMessage?: Media } } };
    };
    const doc = raw.message.documentMessage ?? raw.message.documentWithCaptionMessage?.message?.documentMessage;
    assert.ok(doc);
    const b64 = (v: unknown) => {
      if (typeof v === 'string') return v;
      const data = (v as { data?: unknown }).data;
      return typeof data === 'string' ? data : Buffer.from(data as number[]).toString('base64');
    };
    const res = await t.request(sessionKey, 'POST', '/wapio/api/decrypt-media', {
      type: 'document',
      url: doc['url'],
      directPath: doc['directPath'],
      mediaKey: b64(doc['mediaKey']),
      mimetype: doc['mimetype'],
      fileSha256: b64(doc['fileSha256']),
    });
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.equal(res.body.mimetype, 'application/pdf');
    const file = await t.app.inject({ method: 'GET', url: new URL(res.body.url).pathname });
    assert.deepEqual(file.rawPayload, pdf);
    const bad = await t.request(sessionKey, 'POST', '/wapio/api/decrypt-media', { type: 'document' });
    assert.equal(bad.statusCode, 422);
    assert.ok('mediaKey' in bad.body.errors, JSON.stringify(bad.body));
  });
});

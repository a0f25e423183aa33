// Wapio's webhook configuration (API-CATALOG §3.7–§3.8, from its n8n node): every one of the
// node's 22 event names can be subscribed, and a selection reads back exactly as chosen; an unknown name is 422 naming the field;
// the secret must be at least 16 characters; a session key may not configure (PAT only).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../support/harness.js';

const N8N_EVENTS = [
  'call',
  'chats.delete',
  'chats.update',
  'chats.upsert',
  'contacts.update',
  'contacts.upsert',
  'messages-group.received',
  'group-participants.update',
  'groups.update',
  'groups.upsert',
  'messages.delete',
  'messages.reaction',
  'message-receipt.update',
  'messages.received',
  'message.sent',
  'messages.update',
  'messages.upsert',
  'messages-newsletter.received',
  'messages-personal.received',
  'poll.results',
  'qrcode.updated',
  'session.status',
];

let t: TestApp;
let pat: string;
let session: string;
let key: string;
before(async () => {
  t = await createTestApp({ env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
  ({ token: pat } = await t.createAccount());
  const created = await t.request(pat, 'POST', '/wapio/v1/whatsapp-sessions', { label: 'hooks' });
  session = created.body.session.session_id;
  key = created.body.session_api_key.raw;
});
after(async () => {
  await t?.close();
});

test("all of the n8n node's events subscribe and read back", async () => {
  const path = `/wapio/v1/whatsapp-sessions/${session}/webhook`;
  const config = {
    target_url: 'http://127.0.0.1:9/hook',
    subscribed_events: N8N_EVENTS,
    signing_secret: 'whsec_0123456789abcdef',
    is_active: true,
  };
  const put = await t.request(pat, 'PUT', path, config);
  assert.equal(put.statusCode, 200, JSON.stringify(put.body));
  const got = await t.request(pat, 'GET', path);
  assert.deepEqual([...got.body.subscribed_events].sort(), [...N8N_EVENTS].sort());
  assert.equal(got.body.is_active, true);

  // The n8n trigger checks that the configuration reads back exactly its selection.
  const n8nDefault = ['messages.received', 'messages-personal.received', 'messages-group.received'];
  await t.request(pat, 'PUT', path, { ...config, subscribed_events: n8nDefault });
  assert.deepEqual((await t.request(pat, 'GET', path)).body.subscribed_events, n8nDefault);

  const unknown = await t.request(pat, 'PUT', path, { ...config, subscribed_events: ['message_received'] });
  assert.equal(unknown.statusCode, 422);
  assert.deepEqual(Object.keys(unknown.body.errors), ['subscribed_events']);
  const short = await t.request(pat, 'PUT', path, { ...config, signing_secret: 'short' });
  assert.equal(short.statusCode, 422);
  assert.deepEqual(Object.keys(short.body.errors), ['signing_secret']);
  const byKey = await t.request(key, 'PUT', path, config);
  assert.equal(byKey.statusCode, 403);
  assert.equal(byKey.body.reason_code, 'pat_required');
});

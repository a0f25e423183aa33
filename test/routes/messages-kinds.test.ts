// /v1 message kinds and actions without a WhatsApp connection: every invalid body is a 400 naming
// the field at fault, actions on a session that is not connected are 409, and nobody acts on a
// message of another account or (with a session key) of another session: 404 MESSAGE_NOT_FOUND.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Message } from '../../src/core/messages/message.types.js';
import { newId } from '../../src/lib/ids.js';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

const URL = 'http://127.0.0.1:9/cat.jpg';
const long = (n: number) => 'x'.repeat(n);

/** [body, field the 400 must name] */
const INVALID_SENDS: Array<[Record<string, unknown>, string]> = [
  [{ to: '+15551234567' }, 'text'],
  [{ to: '+15551234567', text: '' }, 'text'],
  [{ to: '+15551234567', text: long(65_537) }, 'text'],
  [{ to: '+15551234567', text: 'hi', image: { url: URL } }, 'image'],
  [
    { to: '+15551234567', location: { latitude: 1, longitude: 2 }, poll: { question: 'q', options: ['a', 'b'] } },
    'poll',
  ],
  [{ to: '+15551234567', text: 'hi', foo: 1 }, 'foo'],
  [{ to: '+15551234567', image: {} }, 'image.url'],
  [{ to: '+15551234567', image: { url: URL, media_id: 'med_x' } }, 'image.url'],
  [{ to: '+15551234567', image: { url: 'ftp://127.0.0.1/a.jpg' } }, 'image.url'],
  [{ to: '+15551234567', image: { media_id: 'med_x', caption: long(1025) } }, 'image.caption'],
  [{ to: '+15551234567', video: { url: URL, caption: '' } }, 'video.caption'],
  [{ to: '+15551234567', audio: { url: URL, voice: 'yes' } }, 'audio.voice'],
  [{ to: '+15551234567', document: { url: URL, mime_type: 'pdf' } }, 'document.mime_type'],
  [{ to: '+15551234567', document: { url: URL, file_name: long(256) } }, 'document.file_name'],
  [{ to: '+15551234567', sticker: { url: URL, caption: 'no' } }, 'sticker.caption'],
  [{ to: '+15551234567', text: 'hi', view_once: true }, 'view_once'],
  [{ to: '+15551234567', document: { url: URL }, view_once: true }, 'view_once'],
  [{ to: '+15551234567', location: { latitude: 91, longitude: 0 } }, 'location.latitude'],
  [{ to: '+15551234567', location: { latitude: 0, longitude: -180.5 } }, 'location.longitude'],
  [{ to: '+15551234567', location: { latitude: 0 } }, 'location.longitude'],
  [{ to: '+15551234567', location: { latitude: 0, longitude: 0, name: long(257) } }, 'location.name'],
  [{ to: '+15551234567', contacts: [] }, 'contacts'],
  [{ to: '+15551234567', contacts: [{ name: 'Ann' }] }, 'contacts.0.phone'],
  [{ to: '+15551234567', contacts: [{ name: '', phone: '+15550001111' }] }, 'contacts.0.name'],
  [{ to: '+15551234567', poll: { question: 'q', options: ['a'] } }, 'poll.options'],
  [{ to: '+15551234567', poll: { question: 'q', options: ['a', 'a'] } }, 'poll.options'],
  [
    { to: '+15551234567', poll: { question: 'q', options: Array.from({ length: 13 }, (_, i) => `o${i}`) } },
    'poll.options',
  ],
  [{ to: '+15551234567', poll: { question: 'q', options: ['a', long(101)] } }, 'poll.options.1'],
  [{ to: '+15551234567', poll: { question: long(256), options: ['a', 'b'] } }, 'poll.question'],
  [{ to: '+15551234567', text: 'hi', mentions: [] }, 'mentions'],
  [{ to: '+15551234567', text: 'hi', reply_to: '' }, 'reply_to'],
];

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect });
  });
  after(() => t.close());

  /** A stored outbound message of the session, as if it had been sent (no WhatsApp needed). */
  async function storedMessage(sessionId: string, accountId: string): Promise<string> {
    const now = new Date().toISOString();
    const m: Message = {
      id: newId('msg'),
      seq: Math.floor(Math.random() * 1e9),
      accountId,
      sessionId,
      direction: 'out',
      chatId: '15551234567@s.whatsapp.net',
      waId: `3EB0${Math.random().toString(16).slice(2, 14).toUpperCase()}`,
      sender: null,
      kind: 'text',
      text: 'hello',
      content: { kind: 'text', text: 'hello' },
      raw: null,
      status: 'failed',
      error: 'boom',
      idempotencyKey: null,
      waTimestamp: now,
      createdAt: now,
      updatedAt: now,
    };
    await t.container.store.transaction((tx) => tx.messages.insert(m));
    return m.id;
  }

  test('send: every invalid kind or modifier is a 400 VALIDATION_FAILED naming the field', async () => {
    const { token } = await t.createAccount();
    const id = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    for (const [body, field] of INVALID_SENDS) {
      const res = await t.request(token, 'POST', `/v1/sessions/${id}/messages`, body);
      assert.equal(
        res.statusCode,
        400,
        `${JSON.stringify(body).slice(0, 120)} → ${res.statusCode} ${JSON.stringify(res.body)}`,
      );
      assert.equal(res.body.error.code, 'VALIDATION_FAILED');
      assert.equal(res.body.error.field, field, `${JSON.stringify(body).slice(0, 120)}: ${res.body.error.message}`);
    }
  });

  test('send: a valid body of any kind on a session that is not connected is 409 SESSION_NOT_CONNECTED', async () => {
    const { token } = await t.createAccount();
    const id = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    for (const body of [
      { to: '+15551234567', location: { latitude: 48.85, longitude: 2.35, name: 'Paris' } },
      { to: '+15551234567', contacts: [{ name: 'Ann', phone: '+15550001111' }] },
      { to: '120363025246125486@g.us', poll: { question: 'Lunch?', options: ['Pizza', 'Sushi'], multi_select: true } },
      { to: '123456789012345@lid', image: { url: URL, caption: 'cat' }, view_once: true },
      { to: '120363025246125486@newsletter', text: 'news', mentions: ['+15550001111'] },
    ]) {
      const res = await t.request(token, 'POST', `/v1/sessions/${id}/messages`, body);
      assert.equal(res.statusCode, 409, JSON.stringify(res.body));
      assert.equal(res.body.error.code, 'SESSION_NOT_CONNECTED');
    }
  });

  test('actions: invalid bodies are 400 naming the field', async () => {
    const { token, accountId } = await t.createAccount();
    const sid = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    const mid = await storedMessage(sid, accountId);
    const cases: Array<[string, string, unknown, string]> = [
      ['PATCH', `/v1/messages/${mid}`, { text: '' }, 'text'],
      ['PATCH', `/v1/messages/${mid}`, {}, 'text'],
      ['POST', `/v1/messages/${mid}/reactions`, { emoji: 'ab' }, 'emoji'],
      ['POST', `/v1/messages/${mid}/reactions`, { emoji: '👍👍' }, 'emoji'],
      ['POST', `/v1/messages/${mid}/reactions`, {}, 'emoji'],
      ['POST', `/v1/messages/${mid}/forward`, {}, 'to'],
      ['POST', `/v1/sessions/${sid}/messages/read`, {}, 'message_ids'],
      ['POST', `/v1/sessions/${sid}/messages/read`, { keys: [{ id: 'X' }] }, 'keys.0.chat'],
      ['POST', `/v1/sessions/${sid}/presence`, { presence: 'composing' }, 'to'],
      ['POST', `/v1/sessions/${sid}/presence`, { presence: 'typing', to: '+15551234567' }, 'presence'],
    ];
    for (const [method, url, body, field] of cases) {
      const res = await t.request(token, method as 'POST', url, body);
      assert.equal(res.statusCode, 400, `${method} ${url} ${JSON.stringify(body)} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.field, field, `${method} ${url}: ${res.body.error.message}`);
    }
    for (const emoji of ['👍', '❤️', '👍🏽', '👨‍👩‍👧', '🇫🇷', '']) {
      const res = await t.request(token, 'POST', `/v1/messages/${mid}/reactions`, { emoji });
      assert.equal(res.statusCode, 409, `${emoji} is a valid reaction (then 409: not connected)`);
    }
  });

  test('actions need a connected session: 409 SESSION_NOT_CONNECTED', async () => {
    const { token, accountId } = await t.createAccount();
    const sid = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    const mid = await storedMessage(sid, accountId);
    const cases: Array<[string, string, unknown]> = [
      ['PATCH', `/v1/messages/${mid}`, { text: 'new' }],
      ['DELETE', `/v1/messages/${mid}`, undefined],
      ['POST', `/v1/messages/${mid}/resend`, undefined],
      ['POST', `/v1/messages/${mid}/reactions`, { emoji: '👍' }],
      ['POST', `/v1/messages/${mid}/forward`, { to: '+15550001111' }],
      ['POST', `/v1/messages/${mid}/star`, undefined],
      ['DELETE', `/v1/messages/${mid}/star`, undefined],
      ['POST', `/v1/sessions/${sid}/messages/read`, { message_ids: [mid] }],
      ['POST', `/v1/sessions/${sid}/presence`, { presence: 'available' }],
    ];
    for (const [method, url, body] of cases) {
      const res = await t.request(token, method as 'POST', url, body);
      assert.equal(res.statusCode, 409, `${method} ${url} → ${JSON.stringify(res.body)}`);
      assert.equal(res.body.error.code, 'SESSION_NOT_CONNECTED');
    }
    const still = await t.request(token, 'GET', `/v1/messages/${mid}`);
    assert.equal(still.body.message.status, 'failed', 'nothing changed');
    assert.deepEqual(still.body.message.events, []);
  });

  test("account A cannot act on account B's messages, nor a session key on another session's: 404 MESSAGE_NOT_FOUND", async () => {
    const a = await t.createAccount();
    const b = await t.createAccount();
    const bSession = (await t.request(b.token, 'POST', '/v1/sessions')).body.session.id;
    const bMessage = await storedMessage(bSession, b.accountId);
    const other = (await t.request(b.token, 'POST', '/v1/sessions')).body;
    const cases: Array<[string, string, unknown]> = [
      ['GET', `/v1/messages/${bMessage}`, undefined],
      ['PATCH', `/v1/messages/${bMessage}`, { text: 'pwned' }],
      ['DELETE', `/v1/messages/${bMessage}`, undefined],
      ['POST', `/v1/messages/${bMessage}/resend`, undefined],
      ['POST', `/v1/messages/${bMessage}/reactions`, { emoji: '👍' }],
      ['POST', `/v1/messages/${bMessage}/forward`, { to: '+15550001111' }],
      ['POST', `/v1/messages/${bMessage}/star`, undefined],
      ['DELETE', `/v1/messages/${bMessage}/star`, undefined],
    ];
    for (const token of [a.token, other.session_key.token]) {
      for (const [method, url, body] of cases) {
        const res = await t.request(token, method as 'POST', url, body);
        assert.equal(res.statusCode, 404, `${method} ${url} → ${JSON.stringify(res.body)}`);
        assert.equal(res.body.error.code, 'MESSAGE_NOT_FOUND');
      }
    }
    // B's message can't be marked read through A's session, nor A learn it exists.
    const aSession = (await t.request(a.token, 'POST', '/v1/sessions')).body.session.id;
    const read = await t.request(a.token, 'POST', `/v1/sessions/${bSession}/messages/read`, {
      message_ids: [bMessage],
    });
    assert.equal(read.statusCode, 404);
    assert.equal(read.body.error.code, 'SESSION_NOT_FOUND');
    const presence = await t.request(a.token, 'POST', `/v1/sessions/${bSession}/presence`, { presence: 'available' });
    assert.equal(presence.body.error.code, 'SESSION_NOT_FOUND');
    assert.equal(
      (await t.request(a.token, 'POST', `/v1/sessions/${aSession}/presence`, { presence: 'available' })).statusCode,
      409,
    );
  });

  test("a message shows its content in the send body's shape, and its action fields", async () => {
    const { token, accountId } = await t.createAccount();
    const sid = (await t.request(token, 'POST', '/v1/sessions')).body.session.id;
    const mid = await storedMessage(sid, accountId);
    const res = await t.request(token, 'GET', `/v1/messages/${mid}`);
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.body.message.content, { text: 'hello' });
    assert.equal(res.body.message.edited_at, null);
    assert.equal(res.body.message.revoked_at, null);
    assert.equal(res.body.message.starred, false);
    assert.deepEqual(res.body.message.reactions, []);
  });
});

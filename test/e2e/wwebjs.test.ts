// Issue 15, the whatsapp-web.js API surface at /wwebjs against the simulator: auth and session-id
// checks, start → QR (raw and PNG) → scan → connected, sendMessage with every content type the
// original supports seen in the simulated contact's inbox (Buttons and List refused), chat and
// group operations seen on the simulated phones, terminate.
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPhone, waitFor, useSimApp } from '../support/sim.js';

interface InboxItem {
  id: string;
  from: string;
  type: string;
  text?: string;
  media?: { mimetype?: string; sha256?: string };
  location?: { latitude: number; longitude: number; name?: string };
  contacts?: Array<{ name: string; phone: string }>;
  poll?: { question: string; options: string[]; multi_select: boolean };
  quoted?: { id: string };
}

interface AppState {
  chats: Record<string, { archived?: boolean; pinned?: boolean }>;
}

interface SimGroup {
  id: string;
  subject: string;
  description?: string;
  participants: Array<{ phone: string; role?: string }>;
}

describe('wwebjs surface', () => {
  const ctx = useSimApp({
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1', WAGATE_AUTH_FAILURES_PER_MINUTE: '5' },
    overrides: (sim) => ({ mediaCaPem: [sim.handle.mediaCaPem] }),
  });
  let png: Buffer;
  let files: Server;
  let fileUrl = '';
  let me: { phone: string };
  let contact: { phone: string };
  let third: { phone: string };

  before(async () => {
    const { default: sharp } = await import('sharp');
    png = await sharp({ create: { width: 48, height: 48, channels: 3, background: '#aa3366' } })
      .png()
      .toBuffer();
    files = createServer((_req, res) => {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length });
      res.end(png);
    });
    await new Promise<void>((resolve) => files.listen(0, '127.0.0.1', resolve));
    const address = files.address();
    fileUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/pic.png`;
  });
  after(async () => {
    await new Promise((resolve) => files?.close(resolve));
  });

  const call = async (key: string | null, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await ctx.t.raw(method, url, null, body, key ? { 'x-api-key': key } : {});
    return { status: res.statusCode, type: String(res.headers['content-type']), raw: res, json: () => res.json() };
  };
  /** A /wwebjs call on session ww-1 that must succeed. */
  const ok = async (path: string, body?: unknown) => {
    const res = await call(ctx.token, 'POST', `/wwebjs${path}/ww-1`, body);
    assert.equal(res.status, 200, `${path}: ${res.raw.body}`);
    assert.equal(res.json().success, true, `${path}: ${res.raw.body}`);
    return res.json();
  };
  const inbox = (phone: string) => ctx.sim.control<InboxItem[]>('GET', `/sim/accounts/${phone}/inbox`);

  test('ping, auth, session id, validation bodies', async () => {
    const { token } = ctx;
    const ping = await call(null, 'GET', '/wwebjs/ping');
    assert.deepEqual([ping.status, ping.json()], [200, { success: true, message: 'pong' }]);
    const bad = await call('nope', 'GET', '/wwebjs/session/status/abc');
    assert.deepEqual([bad.status, bad.json()], [403, { success: false, error: 'Invalid API key' }]);
    const badId = await call(token, 'GET', '/wwebjs/session/status/a.b');
    assert.equal(badId.status, 422);
    const missing = await call(token, 'GET', '/wwebjs/session/status/nosuch');
    assert.deepEqual(
      [missing.status, missing.json()],
      [200, { success: false, state: null, message: 'session_not_found' }],
    );
    const send = await call(token, 'POST', '/wwebjs/client/sendMessage/nosuch', { chatId: '1@c.us' });
    assert.deepEqual([send.status, send.json()], [404, { success: false, error: 'session_not_found' }]);
    const unknown = await call(token, 'POST', '/wwebjs/client/noSuchOp/nosuch');
    assert.equal(unknown.status, 404);
    assert.equal(unknown.json().success, false);
    // Guessing keys is limited per address (429 in this surface's envelope); a valid key still works.
    let last = bad;
    for (let i = 0; i < 10 && last.status !== 429; i++)
      last = await call(`nope-${i}`, 'GET', '/wwebjs/session/status/abc');
    assert.equal(last.status, 429);
    assert.equal(last.json().success, false);
    assert.ok(Number(last.raw.headers['retry-after']) >= 1);
    assert.equal((await call(token, 'GET', '/wwebjs/session/status/abc')).status, 200);
  });

  test('start, QR raw and PNG, scan', async () => {
    const { sim, token } = ctx;
    me = await sim.account(testPhone(), 'Wwebjs Me');
    contact = await sim.account(testPhone(), 'Contact');
    third = await sim.account(testPhone(), 'Third');
    const start = await call(token, 'GET', '/wwebjs/session/start/ww-1');
    assert.deepEqual([start.status, start.json()], [200, { success: true, message: 'Session initiated successfully' }]);
    const again = await call(token, 'GET', '/wwebjs/session/start/ww-1');
    assert.deepEqual(
      [again.status, again.json()],
      [422, { success: false, error: 'Session already exists for: ww-1' }],
    );
    const qr = await waitFor('a QR', async () => {
      const res = await call(token, 'GET', '/wwebjs/session/qr/ww-1');
      return res.json().success ? (res.json().qr as string) : undefined;
    });
    const image = await call(token, 'GET', '/wwebjs/session/qr/ww-1/image');
    assert.equal(image.type, 'image/png');
    assert.equal(image.raw.rawPayload.subarray(1, 4).toString(), 'PNG');
    await sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr });
    await waitFor('connected', async () => {
      const res = await call(token, 'GET', '/wwebjs/session/status/ww-1');
      return res.json().message === 'session_connected' ? true : undefined;
    });
    const state = await call(token, 'GET', '/wwebjs/client/getState/ww-1');
    assert.deepEqual(state.json(), { success: true, state: 'CONNECTED' });
    const settings = await ctx.t.request(token, 'PATCH', '/v1/sessions/ww-1/settings', { account_protection: false });
    assert.equal(settings.statusCode, 200);
    // A session key acts on its own session only; other names look unknown to it.
    const rotated = await ctx.t.request(token, 'POST', '/v1/sessions/ww-1/rotate-key');
    const key = rotated.body.session_key.token as string;
    const own = await call(key, 'GET', '/wwebjs/session/status/ww-1');
    assert.deepEqual(own.json(), { success: true, state: 'CONNECTED', message: 'session_connected' });
    const other = await call(key, 'GET', '/wwebjs/session/status/someone-else');
    assert.equal(other.json().message, 'session_not_found');
    const flush = await call(key, 'GET', '/wwebjs/session/terminateInactive');
    assert.deepEqual(flush.json(), { success: true, message: 'Flush completed successfully' });
    assert.equal((await call(key, 'GET', '/wwebjs/session/status/ww-1')).json().message, 'session_connected');
  });

  test('sendMessage: every content type reaches the contact; Buttons and List refused', async () => {
    const chatId = `${contact.phone}@c.us`;
    const send = (contentType: string, content: unknown, options?: unknown) =>
      call(ctx.token, 'POST', '/wwebjs/client/sendMessage/ww-1', { chatId, contentType, content, options });
    const sha = createHash('sha256').update(png).digest('hex');

    const text = await send('string', 'hello wwebjs');
    assert.equal(text.status, 200, text.raw.body);
    const msg = text.json().message;
    assert.deepEqual([msg.type, msg.id.fromMe, msg.id.remote, msg.to], ['chat', true, chatId, chatId]);
    assert.equal(typeof msg.timestamp, 'number');
    assert.match(msg.id._serialized, new RegExp(`^true_${chatId}_${msg.id.id}$`));

    const media = await send(
      'MessageMedia',
      { mimetype: 'image/png', data: png.toString('base64'), filename: 'a.png' },
      { caption: 'inline' },
    );
    assert.equal(media.status, 200, media.raw.body);
    assert.deepEqual([media.json().message.type, media.json().message.hasMedia], ['image', true]);
    const fromUrl = await send('MessageMediaFromURL', fileUrl, { caption: 'by url' });
    assert.equal(fromUrl.status, 200, fromUrl.raw.body);
    const loc = await send('Location', { latitude: 1.5, longitude: 2.5, description: 'here' });
    assert.equal(loc.status, 200, loc.raw.body);
    assert.deepEqual(loc.json().message.location, { latitude: 1.5, longitude: 2.5 });
    const card = await send('Contact', { contactId: third.phone });
    assert.equal(card.status, 200, card.raw.body);
    assert.equal(card.json().message.type, 'vcard');
    const poll = await send('Poll', { pollName: 'Lunch?', pollOptions: ['yes', 'no'] });
    assert.equal(poll.status, 200, poll.raw.body);
    assert.equal(poll.json().message.type, 'poll_creation');
    const quoted = await send('string', 'quoting', { quotedMessageId: msg.id._serialized });
    assert.equal(quoted.status, 200, quoted.raw.body);
    assert.equal(quoted.json().message.hasQuotedMsg, true);

    for (const refused of ['Buttons', 'List']) {
      const res = await send(refused, { body: 'x', buttons: [{ body: 'a' }] });
      assert.deepEqual([res.status, res.json().success], [500, false], refused);
    }
    const invalid = await send('Sticker', 'x');
    assert.equal(invalid.status, 404);
    assert.match(invalid.json().error, /^contentType invalid/);
    const noChat = await call(ctx.token, 'POST', '/wwebjs/client/sendMessage/ww-1', {
      contentType: 'string',
      content: 'x',
    });
    assert.deepEqual([noChat.status, noChat.json().success], [422, false]);
    assert.match(noChat.json().error, /chatId/);

    const items = await waitFor('every kind at the contact', async () => {
      const all = await inbox(contact.phone);
      return all.length >= 7 ? all : undefined;
    });
    assert.ok(items.every((i) => i.from === me.phone));
    const by = (pred: (i: InboxItem) => boolean, what: string) => {
      const found = items.find(pred);
      assert.ok(found, `${what} in ${JSON.stringify(items)}`);
      return found;
    };
    by((i) => i.type === 'text' && i.text === 'hello wwebjs', 'the text');
    assert.equal(by((i) => i.text === 'inline', 'the inline image').media?.sha256, sha);
    assert.equal(by((i) => i.text === 'by url', 'the URL image').type, 'image');
    assert.deepEqual(by((i) => i.type === 'location', 'the location').location?.name, 'here');
    assert.equal(by((i) => i.type === 'contact', 'the card').contacts?.[0]?.phone, third.phone);
    assert.deepEqual(by((i) => i.type === 'poll', 'the poll').poll?.options, ['yes', 'no']);
    assert.equal(by((i) => i.text === 'quoting', 'the reply').quoted?.id, msg.id.id);
  });

  test('message operations by chatId + key id, seen by the contact', async () => {
    const chatId = `${contact.phone}@c.us`;
    const sent = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      text: 'react to me',
    });
    const got = await waitFor('the message in wagate', async () => {
      const res = await call(ctx.token, 'POST', '/wwebjs/message/getClassInfo/ww-1', { chatId, messageId: sent.id });
      return res.status === 200 ? res.json().message : undefined;
    });
    assert.deepEqual([got.body, got.fromMe, got.from, got.id.id], ['react to me', false, chatId, sent.id]);
    await ok('/message/react', { chatId, messageId: sent.id, reaction: '👍' });
    const replied = (await ok('/message/reply', { chatId, messageId: sent.id, content: 'a reply' })).repliedMessage;
    await waitFor('the reaction and the quoting reply at the contact', async () => {
      const items = await inbox(contact.phone);
      const reaction = items.some((i) => i.type === 'reaction' && i.text === '👍');
      const reply = items.some((i) => i.text === 'a reply' && i.quoted?.id === sent.id);
      return reaction && reply;
    });
    const quoted = await ok('/message/getQuotedMessage', { chatId, messageId: replied.id.id });
    assert.equal(quoted.quotedMessage.id.id, sent.id);
    const missing = await call(ctx.token, 'POST', '/wwebjs/message/getClassInfo/ww-1', { chatId, messageId: 'NOPE' });
    assert.deepEqual([missing.status, missing.json()], [500, { success: false, error: 'Message not Found' }]);
  });

  test('chat, contact and group operations seen on the simulated phones', async () => {
    const { sim } = ctx;
    const chatId = `${contact.phone}@c.us`;
    const phoneChat = async () =>
      (await sim.control<AppState>('GET', `/sim/accounts/${me.phone}/app-state`)).chats[
        `${contact.phone}@s.whatsapp.net`
      ] ?? {};
    await ok('/client/archiveChat', { chatId });
    await waitFor('archived on the phone', async () => (await phoneChat()).archived === true);
    await ok('/client/pinChat', { chatId });
    await waitFor('pinned on the phone', async () => (await phoneChat()).pinned === true);
    const badId = await call(ctx.token, 'POST', '/wwebjs/client/getChatById/ww-1', { chatId: 'not an id' });
    assert.deepEqual([badId.status, badId.json().success], [422, false]);
    assert.match(badId.json().error, /^chatId: /);
    const badList = await call(ctx.token, 'POST', '/wwebjs/groupChat/addParticipants/ww-1', {
      chatId: '123@g.us',
      contactIds: 'x@y',
    });
    assert.deepEqual([badList.status, badList.json().success], [422, false]);
    assert.match(badList.json().error, /^contactIds: /);
    // A field the core refuses is named as this surface's body names it.
    const longName = await call(ctx.token, 'POST', '/wwebjs/client/setDisplayName/ww-1', {
      displayName: 'x'.repeat(30),
    });
    assert.deepEqual([longName.status, longName.json().success], [422, false]);
    assert.match(longName.json().error, /^displayName: /);
    const chat = (await ok('/client/getChatById', { chatId })).chat;
    assert.deepEqual([chat.archived, chat.pinned, chat.id._serialized], [true, true, chatId]);

    await ok('/contact/block', { contactId: chatId });
    await waitFor('blocked on the phone', async () => {
      const profile = await sim.control<{ blocked: string[] }>('GET', `/sim/accounts/${me.phone}/profile`);
      return profile.blocked.includes(contact.phone);
    });
    await ok('/contact/unblock', { contactId: chatId });

    const created = (await ok('/client/createGroup', { name: 'WW group', participants: [chatId] })).response;
    const gid = created.gid._serialized as string;
    assert.match(gid, /@g\.us$/);
    assert.equal(created.participants[chatId].statusCode, 200);
    const simGroup = () => sim.control<SimGroup>('GET', `/sim/groups/${gid}`);
    assert.ok((await simGroup()).participants.some((p) => p.phone === contact.phone));
    await ok('/groupChat/setSubject', { chatId: gid, subject: 'Renamed' });
    await ok('/groupChat/setDescription', { chatId: gid, description: 'about it' });
    const renamed = await simGroup();
    assert.deepEqual([renamed.subject, renamed.description], ['Renamed', 'about it']);
    await ok('/groupChat/promoteParticipants', { chatId: gid, contactIds: [chatId] });
    assert.equal((await simGroup()).participants.find((p) => p.phone === contact.phone)?.role, 'admin');
    await ok('/groupChat/addParticipants', { chatId: gid, contactIds: [`${third.phone}@c.us`] });
    assert.ok((await simGroup()).participants.some((p) => p.phone === third.phone));
    await ok('/groupChat/removeParticipants', { chatId: gid, contactIds: [`${third.phone}@c.us`] });
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === third.phone));
    const info = (await ok('/groupChat/getClassInfo', { chatId: gid })).chat;
    assert.deepEqual([info.name, info.groupMetadata.desc, info.isGroup], ['Renamed', 'about it', true]);
    const notGroup = await call(ctx.token, 'POST', '/wwebjs/groupChat/getClassInfo/ww-1', { chatId });
    assert.deepEqual([notGroup.status, notGroup.json()], [500, { success: false, error: 'The chat is not a group' }]);
    await ok('/groupChat/leave', { chatId: gid });
    assert.ok(!(await simGroup()).participants.some((p) => p.phone === me.phone));
  });

  test('terminate', async () => {
    const end = await call(ctx.token, 'GET', '/wwebjs/session/terminate/ww-1');
    assert.deepEqual([end.status, end.json()], [200, { success: true, message: 'Logged out successfully' }]);
    const gone = await call(ctx.token, 'GET', '/wwebjs/session/status/ww-1');
    assert.equal(gone.json().message, 'session_not_found');
  });
});

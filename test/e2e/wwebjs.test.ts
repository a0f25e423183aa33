// Issue 15, the whatsapp-web.js API surface at /wwebjs against the simulator: auth and session-id
// checks, start → QR (raw and PNG) → scan → connected, sendMessage per contentType seen in the
// simulated contact's inbox, Buttons refused.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { testPhone, waitFor, useSimApp } from '../support/sim.js';

interface InboxItem {
  from: string;
  type: string;
  text?: string;
}

describe('wwebjs surface', () => {
  const ctx = useSimApp();
  const call = async (key: string | null, method: 'GET' | 'POST', url: string, body?: unknown) => {
    const res = await ctx.t.raw(method, url, null, body, key ? { 'x-api-key': key } : {});
    return { status: res.statusCode, type: String(res.headers['content-type']), raw: res, json: () => res.json() };
  };

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
  });

  test('start, QR raw and PNG, scan, send each content type', async () => {
    const { sim, token } = ctx;
    const me = await sim.account(testPhone(), 'Wwebjs Me');
    const contact = await sim.account(testPhone(), 'Contact');
    const start = await call(token, 'GET', '/wwebjs/session/start/ww-1');
    assert.deepEqual([start.status, start.json()], [200, { success: true, message: 'Session initiated successfully' }]);
    const qr = await waitFor('a QR', async () => {
      const res = await call(token, 'GET', '/wwebjs/session/qr/ww-1');
      return res.json().success ? (res.json().qr as string) : undefined;
    });
    const png = await call(token, 'GET', '/wwebjs/session/qr/ww-1/image');
    assert.equal(png.type, 'image/png');
    assert.equal(png.raw.rawPayload.subarray(1, 4).toString(), 'PNG');
    await sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr });
    await waitFor('connected', async () => {
      const res = await call(token, 'GET', '/wwebjs/session/status/ww-1');
      return res.json().message === 'session_connected' ? true : undefined;
    });
    const state = await call(token, 'GET', '/wwebjs/client/getState/ww-1');
    assert.deepEqual(state.json(), { success: true, state: 'CONNECTED' });

    const chatId = `${contact.phone}@c.us`;
    const text = await call(token, 'POST', '/wwebjs/client/sendMessage/ww-1', {
      chatId,
      contentType: 'string',
      content: 'hello wwebjs',
    });
    assert.equal(text.status, 200, text.raw.body);
    const msg = text.json().message;
    assert.equal(msg.type, 'chat');
    assert.equal(msg.id.fromMe, true);
    assert.equal(msg.id.remote, chatId);
    assert.equal(typeof msg.timestamp, 'number');
    const loc = await call(token, 'POST', '/wwebjs/client/sendMessage/ww-1', {
      chatId,
      contentType: 'Location',
      content: { latitude: 1.5, longitude: 2.5, description: 'here' },
    });
    assert.equal(loc.status, 200, loc.raw.body);
    const poll = await call(token, 'POST', '/wwebjs/client/sendMessage/ww-1', {
      chatId,
      contentType: 'Poll',
      content: { pollName: 'Lunch?', pollOptions: ['yes', 'no'] },
    });
    assert.equal(poll.status, 200, poll.raw.body);
    assert.equal(poll.json().message.type, 'poll_creation');
    const buttons = await call(token, 'POST', '/wwebjs/client/sendMessage/ww-1', {
      chatId,
      contentType: 'Buttons',
      content: {},
    });
    assert.equal(buttons.status, 500);
    assert.equal(buttons.json().success, false);

    const inbox = await waitFor('text, location and poll at the contact', async () => {
      const items = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      const types = new Set(items.map((i) => i.type));
      return items.some((i) => i.text === 'hello wwebjs') && types.size >= 3 ? items : undefined;
    });
    assert.ok(inbox.every((i) => i.from === me.phone));

    const end = await call(token, 'GET', '/wwebjs/session/terminate/ww-1');
    assert.deepEqual([end.status, end.json()], [200, { success: true, message: 'Logged out successfully' }]);
    const gone = await call(token, 'GET', '/wwebjs/session/status/ww-1');
    assert.equal(gone.json().message, 'session_not_found');
  });
});

// Issue 15: whatsapp-web.js API callbacks (API-CATALOG.md §6.10) delivered by wagate's dispatcher to
// a loopback receiver: `{dataType, data, sessionId}` for a QR, ready, an inbound message, an ack and
// inbound media (inline),
// with the callback's own secret in x-api-key (never the API token) and the client's sessionId. A
// second callback without message acks (DISABLED_CALLBACKS) gets none.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../../support/harness.js';
import { startReceiver, type Receiver, type ReceivedRequest } from '../../support/receiver.js';
import { startTestSim, testPhone, waitFor, type TestSim } from '../../support/sim.js';

interface Callback {
  dataType: string;
  data?: Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- callback JSON
  sessionId: string;
}

describe('wwebjs callbacks', () => {
  let sim: TestSim;
  let t: TestApp;
  let pat: string;
  let all: Receiver;
  let noAcks: Receiver;
  const secret = 'wwebjs-callback-secret-1';

  before(async () => {
    sim = await startTestSim();
    all = await startReceiver();
    noAcks = await startReceiver();
    t = await createTestApp({
      env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
      overrides: { waWebSocketUrl: sim.handle.wsUrl, mediaCaPem: [sim.handle.mediaCaPem] },
    });
    t.container.webhooks.start();
    ({ token: pat } = await t.createAccount());
  });
  after(async () => {
    await t?.close();
    await sim?.close();
    await all?.close();
    await noAcks?.close();
  });

  const bodies = (r: Receiver) => r.requests.map((q: ReceivedRequest) => q.json as Callback);
  const waitCallback = async (r: Receiver, what: string, pred: (c: Callback) => boolean) => {
    await r
      .waitFor((reqs) => reqs.some((q) => pred(q.json as Callback)), 20_000)
      .catch(() => {
        throw new Error(`no ${what} callback; got ${JSON.stringify(bodies(r).map((b) => b.dataType))}`);
      });
    return bodies(r).find(pred) as Callback;
  };

  test('qr, ready, message and message_ack reach the receiver', async () => {
    const me = await sim.account(testPhone(), 'Cb Me');
    const contact = await sim.account(testPhone(), 'Cb Contact');
    const hook = async (url: string, events?: string[]) => {
      const res = await t.request(pat, 'POST', '/v1/webhooks', {
        url,
        format: 'wwebjs',
        secret,
        ...(events ? { events } : {}),
      });
      assert.equal(res.statusCode, 201, res.raw.body);
    };
    await hook(all.url);
    // DISABLED_CALLBACKS=message_ack as a subscription without messages.status
    await hook(noAcks.url, ['session.*', 'messages.received', 'messages.sent']);

    const api = (path: string, body?: unknown) =>
      t.raw(body === undefined ? 'GET' : 'POST', `/wwebjs${path}`, null, body, { 'x-api-key': pat });
    assert.equal((await api('/session/start/cb-1')).statusCode, 200);
    const qr = await waitCallback(all, 'qr', (c) => c.dataType === 'qr');
    assert.equal(qr.sessionId, 'cb-1');
    assert.equal(typeof qr.data?.qr, 'string');
    await sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr: qr.data?.qr });
    const ready = await waitCallback(all, 'ready', (c) => c.dataType === 'ready');
    assert.deepEqual(ready, { dataType: 'ready', sessionId: 'cb-1' });

    const inbound = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      text: 'callback me',
    });
    const message = await waitCallback(all, 'message', (c) => c.dataType === 'message');
    assert.deepEqual(
      [message.data?.message.id.id, message.data?.message.body, message.data?.message.from, message.data?.message.type],
      [inbound.id, 'callback me', `${contact.phone}@c.us`, 'chat'],
    );
    assert.equal(message.data?.message.fromMe, false);

    await waitFor('connected', async () => ((await api('/session/status/cb-1')).json().success ? true : undefined));
    const sent = await api('/client/sendMessage/cb-1', {
      chatId: `${contact.phone}@c.us`,
      contentType: 'string',
      content: 'ack me',
    });
    assert.equal(sent.statusCode, 200, sent.body);
    const id = sent.json().message.id.id as string;
    const ack = await waitCallback(
      all,
      'message_ack',
      (c) => c.dataType === 'message_ack' && c.data?.message.id.id === id,
    );
    assert.ok(ack.data?.ack >= 1 && ack.data?.ack <= 4, `ack ${ack.data?.ack}`);
    assert.equal(ack.data?.message.ack, ack.data?.ack);
    assert.equal(ack.data?.message.id.remote, `${contact.phone}@c.us`);

    // media: after the message, the file inline (base64) under the size limit
    const { default: sharp } = await import('sharp');
    const png = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#123456' } })
      .png()
      .toBuffer();
    const pic = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      image: { base64: png.toString('base64'), mimetype: 'image/png' },
    });
    const media = await waitCallback(all, 'media', (c) => c.dataType === 'media' && c.data?.message.id.id === pic.id);
    assert.equal(media.data?.messageMedia.mimetype, 'image/png');
    assert.equal(media.data?.messageMedia.filesize, png.length);
    assert.equal(media.data?.messageMedia.data, png.toString('base64'));

    for (const q of all.requests) {
      assert.equal(q.headers['x-api-key'], secret, 'the callback secret, not the API token');
      assert.notEqual(q.headers['x-api-key'], pat);
      assert.equal(q.headers.authorization, undefined);
    }
    await waitCallback(noAcks, 'message', (c) => c.dataType === 'message');
    await waitCallback(noAcks, 'message_create', (c) => c.dataType === 'message_create');
    assert.ok(!bodies(noAcks).some((c) => c.dataType === 'message_ack'), 'no message_ack where disabled');
  });
});

// Issue 4, end to end through the public /v1 API against the simulator: link by QR and by pairing
// code, send a text that the simulated contact decrypts, follow its status to delivered and read,
// and receive the contact's reply.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSessionByQr, testPhone, waitFor, waitForStatus, useSimApp } from '../support/sim.js';

interface InboxItem {
  id: string;
  from: string;
  type: string;
  text?: string;
}

describe('engine: link, send and receive text through the simulator', () => {
  const ctx = useSimApp();

  test('QR link → connected; text → decrypted at the contact → delivered → read; reply → inbound', async () => {
    const { sim, t, token } = ctx;
    const me = await sim.account(testPhone(), 'Wagate Test');
    const contact = await sim.account(testPhone(), 'Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone, 'qr-linked');

    const who = await t.request(token, 'GET', `/v1/sessions/${sessionId}/me`);
    assert.equal(who.statusCode, 200);
    assert.equal(who.body.me.jid, `${me.phone}@s.whatsapp.net`);
    assert.equal(who.body.me.lid, `${me.lid}@lid`.replace('@lid@lid', '@lid'));

    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      text: 'hello from wagate',
    });
    assert.equal(sent.statusCode, 202, JSON.stringify(sent.body));
    assert.equal(sent.body.message.status, 'queued');
    const messageId: string = sent.body.message.id;

    const item = await waitFor('the contact to decrypt the text', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.find((m) => m.text === 'hello from wagate');
    });
    assert.equal(item.type, 'text');
    assert.equal(item.from, me.phone);

    const delivered = await waitFor('status delivered', async () => {
      const res = await t.request(token, 'GET', `/v1/messages/${messageId}`);
      return ['delivered', 'read'].includes(res.body.message.status) ? res.body.message : undefined;
    });
    assert.equal(delivered.wa_id, item.id, 'the contact saw the WhatsApp id we recorded');

    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: item.id, type: 'read' });
    const read = await waitFor('status read', async () => {
      const res = await t.request(token, 'GET', `/v1/messages/${messageId}`);
      return res.body.message.status === 'read' ? res.body.message : undefined;
    });
    const history = read.events.map((e: { status: string }) => e.status);
    for (const s of ['queued', 'sending', 'sent', 'delivered', 'read'])
      assert.ok(history.includes(s), `history has ${s}: ${history.join(',')}`);

    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'hi back' });
    const inbound = await waitFor('the reply to be listed', async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data.find((m: { text: string }) => m.text === 'hi back');
    });
    assert.equal(inbound.direction, 'in');
    assert.equal(inbound.kind, 'text');
    assert.equal(inbound.chat, `${contact.phone}@s.whatsapp.net`);
    assert.equal(inbound.sender.phone, contact.phone, 'sender phone number resolved');
    assert.ok(inbound.sender.lid?.endsWith('@lid'), `sender LID resolved: ${JSON.stringify(inbound.sender)}`);

    const outbound = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=out`);
    assert.ok(outbound.body.data.some((m: { id: string }) => m.id === messageId));
  });

  test('pairing code links too', async () => {
    const { sim, t, token } = ctx;
    const me = await sim.account(testPhone(), 'Code Linked');
    const created = await t.request(token, 'POST', '/v1/sessions', { name: 'code-linked' });
    const sessionId: string = created.body.session.id;
    assert.equal((await t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`)).statusCode, 202);
    await waitForStatus(t, token, sessionId, 'need_scan');
    const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/pairing-code`, {
      phone_number: `+${me.phone}`,
    });
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.match(res.body.code, /^[A-Z0-9]{8}$/);
    await sim.control('POST', `/sim/accounts/${me.phone}/link-code`, { code: res.body.code });
    await waitForStatus(t, token, sessionId, 'connected');
    const held = await t.request(token, 'GET', `/v1/sessions/${sessionId}`);
    assert.equal(held.body.session.node, t.container.config.cluster.nodeId, 'the node that connected it holds it');
  });

  test('QR, pairing code and sending answer 409 in the wrong state', async () => {
    const { t, token } = ctx;
    const created = await t.request(token, 'POST', '/v1/sessions', {});
    const id: string = created.body.session.id;
    const qr = await t.request(token, 'GET', `/v1/sessions/${id}/qr`);
    assert.equal(qr.statusCode, 409);
    assert.equal(qr.body.error.code, 'QR_NOT_AVAILABLE');
    const code = await t.request(token, 'POST', `/v1/sessions/${id}/pairing-code`, { phone_number: '+15550000000' });
    assert.equal(code.statusCode, 409);
    const send = await t.request(token, 'POST', `/v1/sessions/${id}/messages`, { to: '+15550000001', text: 'x' });
    assert.equal(send.statusCode, 409);
    assert.equal(send.body.error.code, 'SESSION_NOT_CONNECTED');
    const bad = await t.request(token, 'POST', `/v1/sessions/${id}/messages`, { to: 'not a number', text: 'x' });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.body.error.field, 'to');
  });
});

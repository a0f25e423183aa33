// Issue 5, the non-media kinds end to end: each goes through POST /v1/sessions/{id}/messages, the
// queue and real Baileys to the simulator, and the simulated contact's inbox shows the right type
// and content — text with mentions, location, one and several contact cards, single- and
// multi-select polls, a reply quoting a received and a sent message, and a forward.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../support/sim.js';

interface InboxItem {
  id: string;
  from: string;
  type: string;
  text?: string;
  location?: { latitude: number; longitude: number; name?: string; address?: string };
  contacts?: Array<{ name: string; vcard: string; phone: string }>;
  poll?: { question: string; options: string[]; multi_select: boolean };
  quoted?: { id: string; participant?: string };
  mentions?: string[];
  forwarded?: true;
}

describe('message kinds through the simulator', () => {
  let sim: TestSim;
  let t: TestApp;
  let token: string;
  let sessionId: string;
  let me: { phone: string; lid: string };
  let contact: { phone: string; lid: string };
  let other: { phone: string; lid: string };

  before(async () => {
    sim = await startTestSim();
    t = await createTestApp({ overrides: { waWebSocketUrl: sim.handle.wsUrl } });
    ({ token } = await t.createAccount());
    me = await sim.account(testPhone(), 'Kinds Sender');
    contact = await sim.account(testPhone(), 'Kinds Contact');
    other = await sim.account(testPhone(), 'Kinds Other');
    sessionId = await linkSessionByQr(t, token, sim, me.phone, 'kinds');
    // Account protection spaces sends 5 s apart; this test is about content, not pacing.
    const s = await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
    assert.equal(s.statusCode, 200, JSON.stringify(s.body));
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });

  /** Sends through the API, waits until the contact decrypted it, returns its inbox item and our message. */
  async function sendAndReceive(
    to: { phone: string },
    body: Record<string, unknown>,
  ): Promise<{ item: InboxItem; message: { id: string; wa_id: string } }> {
    const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: `+${to.phone}`, ...body });
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    const message = await waitFor(`${JSON.stringify(body).slice(0, 60)} to be sent`, async () => {
      const m = (await t.request(token, 'GET', `/v1/messages/${res.body.message.id}`)).body.message;
      if (m.status === 'failed') throw new Error(`failed: ${m.error}`);
      return m.wa_id && m.status !== 'queued' && m.status !== 'sending' ? m : undefined;
    });
    const item = await waitFor('the contact to decrypt it', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${to.phone}/inbox`);
      return inbox.find((i) => i.id === message.wa_id);
    });
    assert.equal(item.from, me.phone);
    return { item, message };
  }

  test('text with mentions', async () => {
    const { item, message } = await sendAndReceive(contact, {
      text: `hi @${other.phone}`,
      mentions: [`+${other.phone}`],
    });
    assert.equal(item.type, 'text');
    assert.equal(item.text, `hi @${other.phone}`);
    assert.deepEqual(item.mentions, [`${other.phone}@s.whatsapp.net`]);
    const stored = (await t.request(token, 'GET', `/v1/messages/${message.id}`)).body.message;
    assert.deepEqual(stored.content, { text: `hi @${other.phone}`, mentions: [`${other.phone}@s.whatsapp.net`] });
  });

  test('location', async () => {
    const { item, message } = await sendAndReceive(contact, {
      location: { latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Paris' },
    });
    assert.equal(item.type, 'location');
    assert.deepEqual(item.location, { latitude: 48.8584, longitude: 2.2945, name: 'Eiffel Tower', address: 'Paris' });
    const stored = (await t.request(token, 'GET', `/v1/messages/${message.id}`)).body.message;
    assert.equal(stored.kind, 'location');
    assert.equal(stored.text, 'Eiffel Tower');
  });

  test('one contact card, then several', async () => {
    const one = await sendAndReceive(contact, { contacts: [{ name: 'Ann; Lee', phone: '+1 555 000 1111' }] });
    assert.equal(one.item.type, 'contact');
    assert.equal(one.item.contacts?.length, 1);
    assert.equal(one.item.contacts?.[0]?.name, 'Ann; Lee');
    assert.equal(one.item.contacts?.[0]?.phone, '15550001111');
    assert.match(one.item.contacts?.[0]?.vcard ?? '', /FN:Ann\\; Lee/);

    const many = await sendAndReceive(contact, {
      contacts: [
        { name: 'Ann', phone: '+15550001111' },
        { name: 'Bob', phone: '15550002222' },
      ],
    });
    assert.equal(many.item.type, 'contact');
    assert.deepEqual(
      many.item.contacts?.map((c) => [c.name, c.phone]),
      [
        ['Ann', '15550001111'],
        ['Bob', '15550002222'],
      ],
    );
  });

  test('single- and multi-select polls', async () => {
    const single = await sendAndReceive(contact, {
      poll: { question: 'Lunch?', options: ['Pizza', 'Sushi', 'Salad'] },
    });
    assert.equal(single.item.type, 'poll');
    assert.deepEqual(single.item.poll, {
      question: 'Lunch?',
      options: ['Pizza', 'Sushi', 'Salad'],
      multi_select: false,
    });
    const multi = await sendAndReceive(contact, {
      poll: { question: 'Toppings?', options: ['Olives', 'Ham'], multi_select: true },
    });
    assert.deepEqual(multi.item.poll, { question: 'Toppings?', options: ['Olives', 'Ham'], multi_select: true });
  });

  test('a reply quotes a received message and one of ours', async () => {
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      text: 'question from the contact',
    });
    const inbound = await waitFor("the contact's message to be stored", async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data.find((m: { text: string }) => m.text === 'question from the contact');
    });
    const reply = await sendAndReceive(contact, { text: 'the answer', reply_to: inbound.id });
    assert.equal(reply.item.text, 'the answer');
    assert.equal(reply.item.quoted?.id, inbound.wa_id, "quotes the contact's message by its WhatsApp id");
    assert.equal(reply.item.quoted?.participant, `${contact.phone}@s.whatsapp.net`);

    const again = await sendAndReceive(contact, { text: 'and a follow-up', reply_to: reply.message.id });
    assert.equal(again.item.quoted?.id, reply.message.wa_id, 'quotes our own message');
    assert.equal(again.item.quoted?.participant, `${me.phone}@s.whatsapp.net`);

    const bad = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      text: 'x',
      reply_to: 'msg_00000000000000000000000000000000',
    });
    assert.equal(bad.statusCode, 400);
    assert.equal(bad.body.error.code, 'INVALID_REPLY_TO');
    assert.equal(bad.body.error.field, 'reply_to');
  });

  test('forward: ours re-sent with the forwarded label; a received one as WhatsApp forwards it', async () => {
    const original = await sendAndReceive(contact, { location: { latitude: 1.5, longitude: 2.5, name: 'Somewhere' } });
    const fwd = await t.request(token, 'POST', `/v1/messages/${original.message.id}/forward`, {
      to: `+${other.phone}`,
    });
    assert.equal(fwd.statusCode, 202, JSON.stringify(fwd.body));
    assert.equal(fwd.body.message.kind, 'location');
    const item = await waitFor('the forward to arrive', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${other.phone}/inbox`);
      return inbox.find((i) => i.type === 'location' && i.location?.name === 'Somewhere');
    });
    assert.equal(item.forwarded, true);
    assert.equal(item.location?.latitude, 1.5);

    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'please pass this on' });
    const inbound = await waitFor("the contact's message", async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data.find((m: { text: string }) => m.text === 'please pass this on');
    });
    const fwd2 = await t.request(token, 'POST', `/v1/messages/${inbound.id}/forward`, { to: `+${other.phone}` });
    assert.equal(fwd2.statusCode, 202, JSON.stringify(fwd2.body));
    const item2 = await waitFor('the second forward to arrive', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${other.phone}/inbox`);
      return inbox.find((i) => i.text === 'please pass this on');
    });
    assert.equal(item2.forwarded, true);
    const history = (await t.request(token, 'GET', `/v1/messages/${inbound.id}`)).body.message.events.map(
      (e: { status: string }) => e.status,
    );
    assert.ok(history.includes('forwarded'), history.join(','));
  });
});

// Issue 6 settings that act on inbound traffic, end to end: read_incoming marks a contact's message
// read on WhatsApp (the contact sees the read receipt); log_messages=false keeps the body out of the
// message log while the webhook event still carries it.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../support/sim.js';

interface SentItem {
  id: string;
  text?: string;
  read_by: string[];
}

describe('session settings on inbound messages', () => {
  let sim: TestSim;
  let t: TestApp;
  let token: string;

  before(async () => {
    sim = await startTestSim();
    t = await createTestApp({ overrides: { waWebSocketUrl: sim.handle.wsUrl } });
    ({ token } = await t.createAccount());
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });

  test('read_incoming: the contact sees its message read; without it, it does not', async () => {
    const me = await sim.account(testPhone(), 'Reader');
    const contact = await sim.account(testPhone(), 'Read Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);

    const sentItem = async (text: string) => {
      const sent = await sim.control<SentItem[]>('GET', `/sim/accounts/${contact.phone}/sent`);
      return sent.find((m) => m.text === text);
    };
    const listed = (text: string) => async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data.find((m: { text: string | null }) => m.text === text);
    };

    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'not read yet' });
    await waitFor('the first message stored', listed('not read yet'));
    await new Promise((r) => setTimeout(r, 1000));
    assert.deepEqual((await sentItem('not read yet'))?.read_by ?? [], [], 'read_incoming is off by default');

    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { read_incoming: true });
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'please read me' });
    const item = await waitFor('the contact to see the read receipt', async () => {
      const s = await sentItem('please read me');
      return s && s.read_by.length > 0 ? s : undefined;
    });
    assert.ok(item.read_by.some((jid) => jid.startsWith(me.phone) || jid.includes('@lid')), JSON.stringify(item.read_by));
  });

  test('log_messages=false: the stored message has no body', async () => {
    const me = await sim.account(testPhone(), 'Quiet');
    const contact = await sim.account(testPhone(), 'Quiet Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { log_messages: false });
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: me.phone, text: 'secret body' });
    const stored = await waitFor('the message stored', async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data[0];
    });
    assert.equal(stored.text, null, 'the body is not kept');
    assert.equal(stored.kind, 'text');
    assert.equal(stored.sender.phone, contact.phone);
  });
});

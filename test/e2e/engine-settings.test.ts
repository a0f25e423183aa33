// Issue 6 settings that act on inbound traffic, end to end: read_incoming marks a contact's message
// read on WhatsApp (the contact sees the read receipt); log_messages=false keeps the body out of the
// message log while the webhook event still carries it; auto_reject_calls rejects a call (the caller
// sees it rejected) and the calls.incoming event says so.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { linkSessionByQr, testPhone, waitFor, waitForStatus, useSimApp } from '../support/sim.js';

interface SentItem {
  id: string;
  text?: string;
  read_by: string[];
}

describe('session settings on inbound messages', () => {
  const ctx = useSimApp();

  test('read_incoming: the contact sees its message read; without it, it does not', async () => {
    const { sim, t, token } = ctx;
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
    assert.ok(
      item.read_by.some((jid) => jid.startsWith(me.phone) || jid.includes('@lid')),
      JSON.stringify(item.read_by),
    );
  });

  test('log_messages=false: the stored message has no body', async () => {
    const { sim, t, token } = ctx;
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

  test('auto_reject_calls: an incoming call is rejected; without it, it keeps ringing', async () => {
    const { sim, t, token } = ctx;
    const me = await sim.account(testPhone(), 'Callee');
    const caller = await sim.account(testPhone(), 'Caller');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    const callStatus = async (id: string) => {
      const calls = await sim.control<{ id: string; status: string }[]>('GET', `/sim/accounts/${caller.phone}/calls`);
      return calls.find((c) => c.id === id)?.status;
    };

    const first = await sim.control<{ id: string }>('POST', `/sim/accounts/${caller.phone}/calls`, { to: me.phone });
    await new Promise((r) => setTimeout(r, 1500));
    assert.equal(await callStatus(first.id), 'offered', 'auto_reject_calls is off by default');

    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { auto_reject_calls: true });
    const second = await sim.control<{ id: string }>('POST', `/sim/accounts/${caller.phone}/calls`, {
      to: me.phone,
      video: true,
    });
    await waitFor('the caller to see the call rejected', async () => (await callStatus(second.id)) === 'rejected');
    const events = await t.request(token, 'GET', `/v1/events/history?types=calls.incoming&limit=50`);
    const call = (events.body.data ?? []).find((e: { data: { call_id: string } }) => e.data.call_id === second.id);
    assert.ok(call, `a calls.incoming event for the call: ${JSON.stringify(events.body).slice(0, 300)}`);
    assert.equal(call.data.rejected, true);
    assert.equal(call.data.is_video, true);
    assert.equal(call.data.from.phone, caller.phone);
  });

  test('always_online: the contact sees us available, at once and on every connect', async () => {
    const { sim, t, token } = ctx;
    const me = await sim.account(testPhone(), 'Online');
    const contact = await sim.account(testPhone(), 'Online Contact');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    // A chat first: presence goes to the people we talk to.
    await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: contact.phone, text: 'hello' });
    await waitFor('the text at the contact', async () => {
      const inbox = await sim.control<{ text?: string }[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.some((m) => m.text === 'hello');
    });
    const seenAvailable = async () => {
      const seen = await sim.control<{ from: string; type: string }[]>(
        'GET',
        `/sim/accounts/${contact.phone}/presence`,
      );
      return seen.some((p) => p.type === 'available' && (p.from.startsWith(me.phone) || p.from.startsWith(me.lid)));
    };
    await new Promise((r) => setTimeout(r, 500));
    assert.equal(await seenAvailable(), false, 'not shown online by default');
    const res = await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { always_online: true });
    assert.equal(res.statusCode, 200);
    await waitFor('the contact to see us available', seenAvailable);
    // The next connection shows us online from the start.
    await t.request(token, 'POST', `/v1/sessions/${sessionId}/restart`);
    await waitForStatus(t, token, sessionId, 'connected');
    await waitFor('available again after the restart', async () => {
      const seen = await sim.control<{ from: string; type: string }[]>(
        'GET',
        `/sim/accounts/${contact.phone}/presence`,
      );
      return seen.filter((p) => p.type === 'available').length >= 2;
    });
  });
});

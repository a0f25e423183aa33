// Issue 5, acting on messages end to end: each action goes through /v1 and real Baileys, and is
// observed on the simulated contact's side (edit, revoke, react and unreact, mark read, presence);
// resend of a failed message keeps its WhatsApp id; star and unstar go through app state (the phone
// shares its app-state keys at link); and the contact's own edits, revokes and reactions update our
// stored messages and append messages.edited / messages.deleted / messages.reaction.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createTestApp, type TestApp } from '../support/harness.js';
import { linkSessionByQr, startTestSim, testPhone, waitFor, type TestSim } from '../support/sim.js';
import { newId } from '../../src/lib/ids.js';

interface Acted {
  id: string;
  type?: string;
  text?: string;
  edited_text?: string;
  revoked?: true;
  reactions?: Array<{ from: string; emoji: string }>;
}
interface SentItem extends Acted {
  status: string;
  read_by: string[];
}

describe('message actions through the simulator', () => {
  let sim: TestSim;
  let t: TestApp;
  let token: string;
  let accountId: string;
  let sessionId: string;
  let me: { phone: string; lid: string };
  let contact: { phone: string; lid: string };

  before(async () => {
    sim = await startTestSim();
    t = await createTestApp({ overrides: { waWebSocketUrl: sim.handle.wsUrl } });
    ({ token, accountId } = await t.createAccount());
    me = await sim.account(testPhone(), 'Actions Sender');
    contact = await sim.account(testPhone(), 'Actions Contact');
    sessionId = await linkSessionByQr(t, token, sim, me.phone, 'actions');
    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });

  const inbox = () => sim.control<Acted[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
  const message = async (id: string) => (await t.request(token, 'GET', `/v1/messages/${id}`)).body.message;

  async function sendText(text: string): Promise<{ id: string; wa_id: string }> {
    const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: `+${contact.phone}`, text });
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    const sent = await waitFor(`"${text}" to reach the contact`, async () => {
      const m = await message(res.body.message.id);
      // Sent (WhatsApp's server acknowledged it) as well as at the contact: the inbox can show it a
      // moment before the ack is recorded, and edit/revoke need a sent message.
      const acked = m.status !== 'queued' && m.status !== 'sending';
      return acked && m.wa_id && (await inbox()).some((i) => i.id === m.wa_id) ? m : undefined;
    });
    return sent;
  }

  async function receive(text: string): Promise<{ id: string; wa_id: string }> {
    const { id: waId } = await sim.control<{ id: string }>('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      text,
    });
    return waitFor(`"${text}" to be stored`, async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`);
      return res.body.data.find((m: { wa_id: string }) => m.wa_id === waId);
    });
  }

  async function events(type: string): Promise<Array<{ type: string; data: Record<string, unknown> }>> {
    const res = await t.request(token, 'GET', `/v1/events/history?session_id=${sessionId}&limit=100`);
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    return res.body.data.filter((e: { type: string }) => e.type === type);
  }

  test('edit: the contact sees the new text; ours records it with an edited event', async () => {
    const sent = await sendText('typo here');
    const res = await t.request(token, 'PATCH', `/v1/messages/${sent.id}`, { text: 'fixed text' });
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.equal(res.body.message.text, 'fixed text');
    assert.ok(res.body.message.edited_at);
    const item = await waitFor('the edit at the contact', async () =>
      (await inbox()).find((i) => i.id === sent.wa_id && i.edited_text),
    );
    assert.equal(item.edited_text, 'fixed text');
    const history = (await message(sent.id)).events.map((e: { status: string }) => e.status);
    assert.ok(history.includes('edited'), history.join(','));
    const edited = await waitFor('messages.edited', async () =>
      (await events('messages.edited')).find((e) => e.data['message_id'] === sent.id),
    );
    assert.equal(edited.data['text'], 'fixed text');
    assert.equal(edited.data['previous_text'], 'typo here');

    const received = await receive('not yours to edit');
    const refused = await t.request(token, 'PATCH', `/v1/messages/${received.id}`, { text: 'x' });
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.body.error.code, 'MESSAGE_NOT_EDITABLE');
  });

  test('revoke: the contact sees it deleted; ours keeps it with revoked_at', async () => {
    const sent = await sendText('oops, wrong chat');
    const res = await t.request(token, 'DELETE', `/v1/messages/${sent.id}`);
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.ok(res.body.message.revoked_at);
    await waitFor('the revoke at the contact', async () =>
      (await inbox()).find((i) => i.id === sent.wa_id && i.revoked),
    );
    const deleted = await waitFor('messages.deleted', async () =>
      (await events('messages.deleted')).find((e) => e.data['message_id'] === sent.id),
    );
    assert.equal(deleted.data['for_everyone'], true);
    const again = await t.request(token, 'DELETE', `/v1/messages/${sent.id}`);
    assert.equal(again.statusCode, 200, 'revoking twice is harmless');
    const edit = await t.request(token, 'PATCH', `/v1/messages/${sent.id}`, { text: 'x' });
    assert.equal(edit.body.error.code, 'MESSAGE_NOT_EDITABLE');
  });

  test('react and remove the reaction, on a received message', async () => {
    const received = await receive('react to me');
    const res = await t.request(token, 'POST', `/v1/messages/${received.id}/reactions`, { emoji: '👍' });
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.deepEqual(
      res.body.message.reactions.map((r: { emoji: string; from_me: boolean }) => [r.emoji, r.from_me]),
      [['👍', true]],
    );
    const sent = () => sim.control<SentItem[]>('GET', `/sim/accounts/${contact.phone}/sent`);
    await waitFor('the reaction at the contact', async () =>
      (await sent()).find(
        (s) => s.id === received.wa_id && s.reactions?.some((r) => r.from === me.phone && r.emoji === '👍'),
      ),
    );
    const removed = await t.request(token, 'POST', `/v1/messages/${received.id}/reactions`, { emoji: '' });
    assert.deepEqual(removed.body.message.reactions, []);
    await waitFor('the reaction removed at the contact', async () =>
      (await sent()).find((s) => s.id === received.wa_id && !(s.reactions ?? []).some((r) => r.from === me.phone)),
    );
  });

  test('mark read by our id and by WhatsApp key: the contact sees read receipts', async () => {
    const a = await receive('read me by id');
    const b = await receive('read me by key');
    const byId = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages/read`, { message_ids: [a.id] });
    assert.equal(byId.statusCode, 200, JSON.stringify(byId.body));
    assert.equal(byId.body.read, 1);
    const byKey = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages/read`, {
      keys: [{ id: b.wa_id, chat: `+${contact.phone}` }],
    });
    assert.equal(byKey.statusCode, 200, JSON.stringify(byKey.body));
    const sent = () => sim.control<SentItem[]>('GET', `/sim/accounts/${contact.phone}/sent`);
    for (const waId of [a.wa_id, b.wa_id]) {
      await waitFor(`read receipt for ${waId}`, async () =>
        (await sent()).find((s) => s.id === waId && s.read_by.length > 0),
      );
    }
    const history = (await message(a.id)).events.map((e: { status: string }) => e.status);
    assert.ok(history.includes('marked_read'), history.join(','));
    const notOurs = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages/read`, {
      message_ids: [(await sendText('mine')).id],
    });
    assert.equal(notOurs.statusCode, 400);
    assert.equal(notOurs.body.error.field, 'message_ids.0');
  });

  test('presence: composing, recording and paused in the chat; available', async () => {
    for (const presence of ['composing', 'recording', 'paused']) {
      const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/presence`, {
        presence,
        to: `+${contact.phone}`,
      });
      assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    }
    const seen = await waitFor('chat states at the contact', async () => {
      const list = await sim.control<Array<{ from: string; type: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/presence`,
      );
      const mine = list.filter((p) => p.from === me.phone).map((p) => p.type);
      return ['composing', 'recording', 'paused'].every((s) => mine.includes(s)) ? mine : undefined;
    });
    assert.deepEqual(seen.filter((s) => s !== 'available' && s !== 'unavailable').slice(-3), [
      'composing',
      'recording',
      'paused',
    ]);
    const online = await t.request(token, 'POST', `/v1/sessions/${sessionId}/presence`, { presence: 'available' });
    assert.equal(online.statusCode, 200, JSON.stringify(online.body));
    await waitFor('available at the contact', async () => {
      const list = await sim.control<Array<{ from: string; type: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/presence`,
      );
      return list.some((p) => p.from === me.phone && p.type === 'available');
    });
  });

  test('resend: a failed message goes out again with its WhatsApp id; anything else is 409', async () => {
    const ok = await sendText('not failed');
    const refused = await t.request(token, 'POST', `/v1/messages/${ok.id}/resend`);
    assert.equal(refused.statusCode, 409);
    assert.equal(refused.body.error.code, 'MESSAGE_NOT_FAILED');

    // A message that failed on an earlier attempt (as a send error leaves it), with its WhatsApp id.
    const waId = `3EB0${Date.now().toString(16).toUpperCase()}`;
    const now = new Date().toISOString();
    const id = newId('msg');
    await t.container.store.transaction(async (tx) => {
      await tx.messages.insert({
        id,
        seq: await tx.counters.next('message_seq'),
        accountId,
        sessionId,
        direction: 'out',
        chatId: `${contact.phone}@s.whatsapp.net`,
        waId,
        sender: null,
        kind: 'text',
        text: 'second chance',
        content: { kind: 'text', text: 'second chance' },
        raw: null,
        status: 'failed',
        error: 'earlier failure',
        idempotencyKey: null,
        waTimestamp: null,
        createdAt: now,
        updatedAt: now,
      });
    });
    const res = await t.request(token, 'POST', `/v1/messages/${id}/resend`);
    assert.equal(res.statusCode, 202, JSON.stringify(res.body));
    assert.equal(res.body.message.status, 'queued');
    const item = await waitFor('the resent message at the contact', async () =>
      (await inbox()).find((i) => i.text === 'second chance'),
    );
    assert.equal(item.id, waId, 'same WhatsApp id');
    const m = await message(id);
    assert.equal(m.wa_id, waId);
    assert.notEqual(m.status, 'failed');
  });

  test('star and unstar: the phone shared its app-state keys at link, so the change is synced', async () => {
    const sent = await sendText('star me');
    // The simulated phone sends APP_STATE_SYNC_KEY_SHARE right after linking (sim/README.md "App state").
    const res = await t.request(token, 'POST', `/v1/messages/${sent.id}/star`);
    assert.equal(res.statusCode, 200, JSON.stringify(res.body));
    assert.equal(res.body.message.starred, true);
    assert.equal((await message(sent.id)).starred, true, 'recorded');
    // The phone decrypts the patch: the message is in its starred list (issue 12: "starred on the phone").
    const phoneStarred = async () =>
      (
        await sim.control<{ starred: Array<{ id: string }> }>('GET', `/sim/accounts/${me.phone}/app-state`)
      ).starred.some((s) => s.id === sent.wa_id);
    await waitFor('the phone to see the star', async () => ((await phoneStarred()) ? true : undefined));
    const un = await t.request(token, 'DELETE', `/v1/messages/${sent.id}/star`);
    assert.equal(un.statusCode, 200, JSON.stringify(un.body));
    assert.equal((await message(sent.id)).starred, false);
    await waitFor('the phone to see the unstar', async () => ((await phoneStarred()) ? undefined : true));
    const steps: Array<{ status: string }> = (await t.request(token, 'GET', `/v1/messages/${sent.id}`)).body.message
      .events;
    assert.deepEqual(
      steps.map((e) => e.status).filter((s) => s.endsWith('starred')),
      ['starred', 'unstarred'],
      'our own change echoed by Baileys is not recorded twice',
    );
  });

  test('star and unstar on the phone: the stored message follows through app-state sync', async () => {
    const sent = await sendText('starred on the phone');
    const onPhone = (action: 'star' | 'unstar') =>
      sim.control('POST', `/sim/accounts/${me.phone}/app-state`, {
        action,
        chat: contact.phone,
        id: sent.wa_id,
        from_me: true,
      });
    await onPhone('star');
    await waitFor('the star to arrive', async () => ((await message(sent.id)).starred ? true : undefined));
    await onPhone('unstar');
    await waitFor('the unstar to arrive', async () => ((await message(sent.id)).starred ? undefined : true));
    // One history step each (Baileys' echo of a change and the change itself are not both recorded).
    const history: Array<{ status: string }> = (await t.request(token, 'GET', `/v1/messages/${sent.id}`)).body.message
      .events;
    assert.deepEqual(
      history.map((e) => e.status).filter((s) => s.endsWith('starred')),
      ['starred', 'unstarred'],
    );
  });

  test('the contact edits, revokes and reacts: our messages follow, with events', async () => {
    const received = await receive('first version');
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      edit: { id: received.wa_id, text: 'second version' },
    });
    const edited = await waitFor('the inbound edit', async () => {
      const m = await message(received.id);
      return m.edited_at ? m : undefined;
    });
    assert.equal(edited.text, 'second version');
    const ev = await waitFor('messages.edited', async () =>
      (await events('messages.edited')).find((e) => e.data['message_id'] === received.id),
    );
    assert.equal(ev.data['previous_text'], 'first version');
    assert.equal((ev.data['by'] as { phone: string }).phone, contact.phone);

    const sent = await sendText('react to this, contact');
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      reaction: { id: sent.wa_id, emoji: '❤️' },
    });
    const reacted = await waitFor('the inbound reaction', async () => {
      const m = await message(sent.id);
      return m.reactions.length ? m : undefined;
    });
    assert.equal(reacted.reactions[0].emoji, '❤️');
    assert.equal(reacted.reactions[0].from_me, false);
    await waitFor('messages.reaction', async () =>
      (await events('messages.reaction')).find((e) => e.data['message_id'] === sent.id && e.data['emoji'] === '❤️'),
    );

    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, {
      to: me.phone,
      revoke: { id: received.wa_id },
    });
    await waitFor('the inbound revoke', async () => (await message(received.id)).revoked_at);
    await waitFor('messages.deleted', async () =>
      (await events('messages.deleted')).find((e) => e.data['message_id'] === received.id),
    );

    // None of these became messages of their own.
    const list = (await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?limit=100`)).body.data;
    assert.ok(
      !list.some((m: { kind: string }) => ['protocol', 'reaction'].includes(m.kind)),
      list.map((m: { kind: string }) => m.kind).join(','),
    );
  });
});

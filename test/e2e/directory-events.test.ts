// Issue 12, directory events end to end through the simulator and unmodified Baileys, each seen by a
// webhook receiver and on the live stream (GET /v1/events): join requests of a group we administer
// (a number asks, we approve through the API, an admin on the phone rejects another), and a message
// starred on the phone (messages.starred). Every person carries phone and LID.
import assert from 'node:assert/strict';
import type { AddressInfo } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { openEventStream, type EventStreamClient } from '../support/sse.js';
import { testPhone, useLinkedSession, waitFor } from '../support/sim.js';

interface EventBody {
  type: string;
  session_id: string | null;
  data: Record<string, unknown>;
}
interface PersonJson {
  jid: string;
  phone: string | null;
  lid: string | null;
}

describe('directory events reach webhooks and the live stream', () => {
  const ctx = useLinkedSession({
    // The webhook receiver listens on 127.0.0.1.
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1' },
    names: ['Events Admin', 'Events Contact'],
    sessionName: 'directory-events',
  });
  const api = (method: 'GET' | 'POST' | 'PATCH' | 'PUT', path: string, body?: unknown) =>
    ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);
  let receiver: Receiver;
  let stream: EventStreamClient;

  before(async () => {
    receiver = await startReceiver();
    ctx.t.container.webhooks.start();
    const sub = await ctx.t.request(ctx.token, 'POST', '/v1/webhooks', { url: receiver.url });
    assert.equal(sub.statusCode, 201, JSON.stringify(sub.body));
    await ctx.t.app.listen({ port: 0, host: '127.0.0.1' });
    const { port } = ctx.t.app.server.address() as AddressInfo;
    stream = await openEventStream(`http://127.0.0.1:${port}`, ctx.token, `/v1/events?session_id=${ctx.sessionId}`);
  });
  after(async () => {
    stream?.close();
    await receiver?.close();
  });

  /** The event, once both the webhook receiver and the live stream have it. */
  async function seen(what: string, match: (e: EventBody) => boolean): Promise<EventBody> {
    const streamed = await stream.waitFor(what, (e) => match(e.event as EventBody));
    const hooked = await waitFor(`${what} (webhook)`, async () =>
      receiver.requests.map((r) => r.json as EventBody).find((b) => b && match(b)),
    );
    assert.deepEqual(hooked.data, streamed.event.data, 'the webhook and the stream carry the same event');
    assert.equal(hooked.session_id, ctx.sessionId);
    return hooked;
  }

  test('join requests: asked, approved through the API, rejected on the phone → groups.join_requests', async () => {
    const created = await api('POST', '/groups', { subject: 'Gated events', participants: [ctx.contact.phone] });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    const groupId: string = created.body.group.id;
    assert.equal((await api('PATCH', `/groups/${groupId}`, { join_approval: true })).statusCode, 200);
    const { code } = (await api('GET', `/groups/${groupId}/invite`)).body;

    const asker = await ctx.sim.account(testPhone(), 'Asker One');
    await ctx.sim.control('POST', `/sim/accounts/${asker.phone}/groups/join`, { code });
    const joinEvent = (action: string, phone: string) => (e: EventBody) =>
      e.type === 'groups.join_requests' &&
      e.data.group === groupId &&
      e.data.action === action &&
      (e.data.participants as PersonJson[]).some((p) => p.phone === phone);
    const requested = await seen('a request arriving', joinEvent('requested', asker.phone));
    const [who] = requested.data.participants as PersonJson[];
    assert.deepEqual(who, { jid: `${asker.phone}@s.whatsapp.net`, phone: asker.phone, lid: `${asker.lid}@lid` });
    assert.equal(requested.data.method, 'invite_link');
    assert.equal(requested.data.by, null, 'the asker acts for themselves');

    const approved = await api('POST', `/groups/${groupId}/requests`, {
      action: 'approve',
      participants: [asker.phone],
    });
    assert.equal(approved.statusCode, 200, JSON.stringify(approved.body));
    const approvedEvent = await seen('the request approved', joinEvent('approved', asker.phone));
    assert.equal((approvedEvent.data.by as PersonJson).phone, ctx.me.phone, 'approved by us');

    // Another number asks; an admin on the phone (another device of ours) refuses it.
    const second = await ctx.sim.account(testPhone(), 'Asker Two');
    await ctx.sim.control('POST', `/sim/accounts/${second.phone}/groups/join`, { code });
    await seen('the second request', joinEvent('requested', second.phone));
    const answered = await ctx.sim.control<Array<{ status: string }>>(
      'POST',
      `/sim/accounts/${ctx.me.phone}/groups/${groupId}/requests`,
      { action: 'reject', participants: [second.phone] },
    );
    assert.deepEqual(
      answered.map((a) => a.status),
      ['200'],
    );
    const rejected = await seen('the request rejected on the phone', joinEvent('rejected', second.phone));
    const rejectedWho = (rejected.data.participants as PersonJson[])[0];
    assert.equal(rejectedWho?.lid, `${second.lid}@lid`);
    assert.equal((rejected.data.by as PersonJson).phone, ctx.me.phone);
    // Only people who asked: a member never made a request event.
    assert.ok(!receiver.requests.some((r) => joinEvent('requested', ctx.contact.phone)(r.json as EventBody)));
  });

  test('a message starred and unstarred on the phone → messages.starred', async () => {
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      text: 'star this',
    });
    const inbound = await waitFor('the message stored', async () => {
      const list = await api('GET', '/messages?direction=in');
      return list.body.data.find((m: { text: string | null }) => m.text === 'star this');
    });
    const onPhone = (action: 'star' | 'unstar') =>
      ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/app-state`, {
        action,
        chat: ctx.contact.phone,
        id: inbound.wa_id,
        from_me: false,
      });
    const starEvent = (starred: boolean) => (e: EventBody) =>
      e.type === 'messages.starred' && e.data.wa_id === inbound.wa_id && e.data.starred === starred;
    await onPhone('star');
    const starred = await seen('the star', starEvent(true));
    assert.equal(starred.data.message_id, inbound.id);
    assert.equal(starred.data.chat, `${ctx.contact.phone}@s.whatsapp.net`);
    await onPhone('unstar');
    await seen('the unstar', starEvent(false));
    // A star through the API is not announced again when WhatsApp echoes it.
    const before = receiver.requests.length;
    assert.equal((await ctx.t.request(ctx.token, 'POST', `/v1/messages/${inbound.id}/star`)).statusCode, 200);
    await new Promise((r) => setTimeout(r, 1_000));
    assert.ok(
      !receiver.requests.slice(before).some((r) => starEvent(true)(r.json as EventBody)),
      'our own star echoed back is not an event',
    );
  });

  test("a contact's new push name and a name saved on the phone → contacts.update / contacts.upsert with phone and LID", async () => {
    const contactJid = `${ctx.contact.phone}@s.whatsapp.net`;
    const contactEvent = (type: string, match: (c: Record<string, unknown>) => boolean) => (e: EventBody) =>
      e.type === type &&
      (e.data.contacts as Array<Record<string, unknown>>).some((c) => c.phone === ctx.contact.phone && match(c));

    // The contact renames themselves; WhatsApp carries the new push name with their next message.
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/profile`, { push_name: 'Renamed Contact' });
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      text: 'new name',
    });
    const renamed = await seen(
      'the new push name',
      contactEvent('contacts.update', (c) => c.push_name === 'Renamed Contact'),
    );
    const person = (renamed.data.contacts as Array<Record<string, unknown>>).find((c) => c.phone === ctx.contact.phone);
    assert.equal(person?.jid, contactJid);
    assert.equal(person?.lid, `${ctx.contact.lid}@lid`);
    const stored = await api('GET', `/contacts/${ctx.contact.phone}`);
    assert.equal(stored.statusCode, 200, JSON.stringify(stored.body));
    assert.equal(stored.body.contact.push_name, 'Renamed Contact');

    // The same name again with the next message is not news.
    await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
      to: ctx.me.phone,
      text: 'same name',
    });
    await waitFor('the second message stored', async () => {
      const list = await api('GET', '/messages?direction=in');
      return list.body.data.some((m: { text: string | null }) => m.text === 'same name');
    });
    await new Promise((r) => setTimeout(r, 500));
    const renames = receiver.requests.filter((r) =>
      contactEvent('contacts.update', (c) => c.push_name === 'Renamed Contact')(r.json as EventBody),
    );
    assert.equal(renames.length, 1, 'one event for one change');

    // The phone saves the contact under a name in its address book (app state).
    await ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/app-state`, {
      action: 'contact',
      chat: ctx.contact.phone,
      name: 'Saved On Phone',
    });
    const saved = await seen(
      'the name saved on the phone',
      contactEvent('contacts.upsert', (c) => c.name === 'Saved On Phone'),
    );
    const savedPerson = (saved.data.contacts as Array<Record<string, unknown>>).find(
      (c) => c.phone === ctx.contact.phone,
    );
    assert.equal(savedPerson?.lid, `${ctx.contact.lid}@lid`);
    assert.equal((await api('GET', `/contacts/${ctx.contact.phone}`)).body.contact.name, 'Saved On Phone');
  });
});

// Issue 12, on-demand history end to end through the simulator (unmodified Baileys): a contact and
// the phone talked before the session was linked, so wagate holds none of it; POST
// …/chats/{chat}/history asks the phone, which answers from what it holds, oldest stored message as
// the anchor. The messages show in GET …/messages?chat= and one messages.history event per batch
// names the request. Errors: bad count names the field, a session not connected is 409, another
// account's session 404. On SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { before, describe, test } from 'node:test';
import { forEachDialect } from '../support/dialects.js';
import { linkSessionByQr, testPhone, useSimApp, waitFor } from '../support/sim.js';

interface HistoryEvent {
  type: string;
  data: {
    request_id: string | null;
    chat: string | null;
    messages: { id: string; wa_id: string; text: string; from_me: boolean }[];
    already_stored: number;
  };
}

forEachDialect((dialect) =>
  describe('on-demand history from the phone', () => {
    const ctx = useSimApp({ dialect });
    let me = '';
    let contact = '';
    let sessionId = '';
    let groupId = '';
    const said: { id: string; text: string; fromMe: boolean }[] = [];
    const api = (method: 'GET' | 'POST', path: string, body?: unknown) =>
      ctx.t.request(ctx.token, method, `/v1/sessions/${sessionId}${path}`, body);
    const chatTexts = async (): Promise<string[]> =>
      (await api('GET', `/messages?chat=${contact}&limit=100`)).body.data.map((m: { text: string }) => m.text);
    const historyEvents = async (): Promise<HistoryEvent[]> =>
      (await ctx.t.request(ctx.token, 'GET', `/v1/events/history?session_id=${sessionId}&limit=500`)).body.data.filter(
        (e: HistoryEvent) => e.type === 'messages.history',
      );

    before(async () => {
      me = (await ctx.sim.account(testPhone(), 'History Me')).phone;
      contact = (await ctx.sim.account(testPhone(), 'History Contact')).phone;
      // Before the link: five messages the phone holds and wagate never saw.
      for (const [from, to, text] of [
        [contact, me, 'h1 from contact'],
        [me, contact, 'h2 from me'],
        [contact, me, 'h3 from contact'],
        [me, contact, 'h4 from me'],
        [contact, me, 'h5 from contact'],
      ] as const) {
        const { id } = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${from}/messages`, { to, text });
        said.push({ id, text, fromMe: from === me });
      }
      // And a group the phone made, with the contact's post in it.
      groupId = (
        await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${me}/groups`, {
          subject: 'History group',
          participants: [contact],
        })
      ).id;
      await ctx.sim.control('POST', `/sim/accounts/${contact}/messages`, { to: groupId, text: 'g1 from contact' });
      await waitFor(
        'the phone to hold what it received',
        async () => (await ctx.sim.control<unknown[]>('GET', `/sim/accounts/${me}/inbox`)).length === 4,
      );
      sessionId = await linkSessionByQr(ctx.t, ctx.token, ctx.sim, me, 'history');
    });

    test('older messages come from the phone in batches, stored and announced once per batch', async () => {
      assert.deepEqual(await chatTexts(), [], 'nothing of the chat before the request');
      const first = await api('POST', `/chats/${contact}/history`, { count: 3 });
      assert.equal(first.statusCode, 202, JSON.stringify(first.body));
      assert.equal(first.body.request.chat, `${contact}@s.whatsapp.net`);
      assert.equal(first.body.request.count, 3);
      assert.equal(first.body.request.before, null, 'no message of the chat was stored');
      const firstId: string = first.body.request.id;
      assert.ok(firstId);
      await waitFor('the newest three stored', async () => (await chatTexts()).length === 3);
      assert.deepEqual((await chatTexts()).sort(), ['h3 from contact', 'h4 from me', 'h5 from contact']);

      const stored = (await api('GET', `/messages?chat=${contact}&limit=100`)).body.data as {
        wa_id: string;
        direction: string;
        status: string;
      }[];
      const h4 = stored.find((m) => m.wa_id === said[3]!.id);
      assert.equal(h4?.direction, 'out', 'what the phone sent is ours');
      assert.equal(stored.find((m) => m.wa_id === said[4]!.id)?.direction, 'in');

      const [event] = await waitFor('the messages.history event', async () => {
        const events = (await historyEvents()).filter((e) => e.data.request_id === firstId);
        return events.length ? events : null;
      });
      assert.equal(event!.data.chat, `${contact}@s.whatsapp.net`);
      assert.deepEqual(
        event!.data.messages.map((m) => [m.text, m.from_me]),
        [
          ['h3 from contact', false],
          ['h4 from me', true],
          ['h5 from contact', false],
        ],
        'the stored ones, oldest first',
      );
      assert.ok(event!.data.messages.every((m) => m.id.startsWith('msg_')));

      // The next request starts before the oldest stored message: the rest, nothing twice.
      const second = await api('POST', `/chats/${contact}/history`, { count: 10 });
      assert.equal(second.statusCode, 202, JSON.stringify(second.body));
      assert.equal(second.body.request.before, said[2]!.id, 'anchored at the oldest stored message');
      await waitFor('all five stored', async () => (await chatTexts()).length === 5);
      assert.deepEqual((await chatTexts()).sort(), said.map((s) => s.text).sort());
      await waitFor('the second event', async () =>
        (await historyEvents()).some((e) => e.data.request_id === second.body.request.id),
      );
      const events = await historyEvents();
      assert.equal(events.length, 2, 'one event per batch');
      assert.deepEqual(
        events[1]!.data.messages.map((m) => m.text),
        ['h1 from contact', 'h2 from me'],
      );

      // Nothing older left: an empty batch, still announced, nothing stored twice.
      const third = await api('POST', `/chats/${contact}/history`, {});
      assert.equal(third.statusCode, 202, JSON.stringify(third.body));
      assert.equal(third.body.request.count, 50, 'count defaults to 50');
      const empty = await waitFor('the empty batch', async () =>
        (await historyEvents()).find((e) => e.data.request_id === third.body.request.id),
      );
      assert.deepEqual(empty.data.messages, []);
      assert.equal((await chatTexts()).length, 5);
      assert.deepEqual(ctx.sim.handle.unhandled(), []);
    });

    test("a group's history: the post arrives with its author's phone and LID", async () => {
      const asked = await api('POST', `/chats/${groupId}/history`, { count: 5 });
      assert.equal(asked.statusCode, 202, JSON.stringify(asked.body));
      assert.equal(asked.body.request.chat, groupId);
      const [post] = await waitFor('the group post stored', async () => {
        const list = (await api('GET', `/messages?chat=${encodeURIComponent(groupId)}`)).body.data;
        return list.length ? list : null;
      });
      assert.equal(post.text, 'g1 from contact');
      assert.equal(post.direction, 'in');
      const contactLid = (await ctx.sim.control<{ lid: string }>('POST', '/sim/accounts', { phone: contact })).lid;
      assert.equal(post.sender.lid, `${contactLid}@lid`);
      assert.equal(post.sender.phone, contact, 'the phone number from the mapping the sync carried');
      const event = await waitFor('its event', async () =>
        (await historyEvents()).find((e) => e.data.request_id === asked.body.request.id),
      );
      assert.equal(event.data.chat, groupId);
    });

    test('errors: bad count names the field; not connected 409; another account 404', async () => {
      for (const count of [0, 51, 1.5, 'ten']) {
        const bad = await api('POST', `/chats/${contact}/history`, { count });
        assert.equal(bad.statusCode, 400, `count ${count}: ${JSON.stringify(bad.body)}`);
        assert.equal(bad.body.error.field, 'count');
      }
      const badChat = await api('POST', '/chats/not-a-chat/history', { count: 5 });
      assert.equal(badChat.statusCode, 400);
      assert.equal(badChat.body.error.field, 'chat');

      const idle = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', { name: 'idle' });
      const notConnected = await ctx.t.request(
        ctx.token,
        'POST',
        `/v1/sessions/${idle.body.session.id}/chats/${contact}/history`,
        { count: 5 },
      );
      assert.equal(notConnected.statusCode, 409, JSON.stringify(notConnected.body));
      assert.equal(notConnected.body.error.code, 'SESSION_NOT_CONNECTED');

      const stranger = await ctx.t.createAccount();
      const foreign = await ctx.t.request(
        stranger.token,
        'POST',
        `/v1/sessions/${sessionId}/chats/${contact}/history`,
        { count: 5 },
      );
      assert.equal(foreign.statusCode, 404);
      assert.equal((await historyEvents()).length, 4, 'no request went out for any of them');
    });

    test('/openapi.json shows the operation with its body and 202 answer', async () => {
      const doc = (await ctx.t.request(null, 'GET', '/openapi.json')).body;
      const op = doc.paths['/v1/sessions/{id}/chats/{chat}/history']?.post;
      assert.equal(op?.operationId, 'chats.history');
      assert.ok(op.requestBody.content['application/json'].schema);
      assert.ok(op.responses['202'].content['application/json'].schema);
      assert.ok(op.responses['409'] && op.responses['404'] && op.responses['400']);
    });
  }),
);

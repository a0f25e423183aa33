// Issue 12, chats, end to end through the simulator (unmodified Baileys, app-state sync): the chat
// list from stored messages; archive, pin, mute and unread made through the API are seen in the
// phone's app state, and the same changes made on the phone show in the API (with chats.update
// events); errors name the field; another account sees nothing. On SQLite and on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { forEachDialect } from '../support/dialects.js';
import { useLinkedSession, waitFor } from '../support/sim.js';

interface AppState {
  chats: Record<string, { archived?: boolean; pinned?: boolean; muted_until?: number; read?: boolean }>;
}

forEachDialect((dialect) =>
  describe('chats through the API and on the phone', () => {
    const ctx = useLinkedSession({ names: ['Chats Me', 'Chats Contact'], sessionName: 'chats', dialect });
    const api = (method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown) =>
      ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);
    const contactJid = () => `${ctx.contact.phone}@s.whatsapp.net`;
    const phoneView = async () =>
      (await ctx.sim.control<AppState>('GET', `/sim/accounts/${ctx.me.phone}/app-state`)).chats[contactJid()] ?? {};

    test('the list shows chats with stored messages, most recent first', async () => {
      const sent = await api('POST', '/messages', { to: ctx.contact.phone, text: 'first' });
      assert.equal(sent.statusCode, 202);
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, { to: ctx.me.phone, text: 'reply' });
      const chat = await waitFor('the chat with both messages', async () => {
        const list = await api('GET', '/chats');
        return list.body.data.find(
          (c: { id: string; message_count: number }) => c.id === contactJid() && c.message_count >= 2,
        );
      });
      assert.equal(chat.archived, false);
      assert.ok(chat.last_message_at);
      const one = await api('GET', `/chats/${ctx.contact.phone}`);
      assert.equal(one.body.chat.id, contactJid());
      // History of the chat from our store, and a search in it.
      const history = await api('GET', `/messages?chat=${ctx.contact.phone}`);
      assert.deepEqual(
        history.body.data.map((m: { text: string }) => m.text),
        ['reply', 'first'],
      );
      const found = await api('GET', `/messages?q=REPL`);
      assert.deepEqual(
        found.body.data.map((m: { text: string }) => m.text),
        ['reply'],
      );
      const literal = await api('GET', `/messages?q=${encodeURIComponent('%')}`);
      assert.deepEqual(literal.body.data, [], '% is not a wildcard');
    });

    test('archive, pin, mute and unread through the API reach the phone, and back', async () => {
      const archived = await api('POST', `/chats/${ctx.contact.phone}/archive`);
      assert.equal(archived.statusCode, 200, JSON.stringify(archived.body));
      assert.equal(archived.body.chat.archived, true);
      await waitFor('the phone to see it archived', async () => (await phoneView()).archived === true);
      await api('POST', `/chats/${ctx.contact.phone}/unarchive`);
      await waitFor('the phone to see it unarchived', async () => (await phoneView()).archived === false);

      await api('POST', `/chats/${ctx.contact.phone}/pin`);
      await waitFor('pinned on the phone', async () => (await phoneView()).pinned === true);
      await api('POST', `/chats/${ctx.contact.phone}/unpin`);
      await waitFor('unpinned on the phone', async () => (await phoneView()).pinned === false);

      const until = new Date(Date.now() + 3_600_000);
      const muted = await api('POST', `/chats/${ctx.contact.phone}/mute`, { until: until.toISOString() });
      assert.equal(muted.statusCode, 200, JSON.stringify(muted.body));
      await waitFor(
        'muted on the phone',
        async () => Math.abs(((await phoneView()).muted_until ?? 0) - until.getTime()) < 1000,
      );
      await api('POST', `/chats/${ctx.contact.phone}/unmute`);
      await waitFor('unmuted on the phone', async () => !(await phoneView()).muted_until);

      await api('POST', `/chats/${ctx.contact.phone}/unread`);
      await waitFor('unread on the phone', async () => (await phoneView()).read === false);
      await api('POST', `/chats/${ctx.contact.phone}/read`);
      await waitFor('read on the phone', async () => (await phoneView()).read === true);
    });

    test('changes made on the phone show in the API, with chats.update events', async () => {
      await ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/app-state`, {
        action: 'archive',
        chat: ctx.contact.phone,
      });
      await waitFor(
        'the API to see it archived',
        async () => (await api('GET', `/chats/${ctx.contact.phone}`)).body.chat.archived,
      );
      await ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/app-state`, {
        action: 'pin',
        chat: ctx.contact.phone,
      });
      await waitFor(
        'the API to see it pinned',
        async () => (await api('GET', `/chats/${ctx.contact.phone}`)).body.chat.pinned,
      );
      const events = await ctx.t.request(ctx.token, 'GET', `/v1/events/history?session_id=${ctx.sessionId}&limit=500`);
      const updates = events.body.data.filter((e: { type: string }) => e.type === 'chats.update');
      assert.ok(
        updates.some(
          (e: { data: { chats: Array<{ id: string; archived: boolean }> } }) =>
            e.data.chats[0]?.id === contactJid() && e.data.chats[0]?.archived,
        ),
        JSON.stringify(updates.slice(-3)),
      );
      await ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/app-state`, {
        action: 'unarchive',
        chat: ctx.contact.phone,
      });
      await waitFor(
        'the API to see it unarchived',
        async () => !(await api('GET', `/chats/${ctx.contact.phone}`)).body.chat.archived,
      );
    });

    test("labels: created, put on a chat, renamed and deleted through the API; the phone's app state follows", async () => {
      const labelsOnPhone = async () =>
        (
          await ctx.sim.control<{
            labels: Record<string, { name?: string; color?: number; deleted?: boolean; chats: string[] }>;
          }>('GET', `/sim/accounts/${ctx.me.phone}/app-state`)
        ).labels;
      const created = await api('POST', '/labels', { name: 'VIP', color: 3 });
      assert.equal(created.statusCode, 201, JSON.stringify(created.body));
      const id: string = created.body.label.id;
      await waitFor('the phone to have the label', async () => (await labelsOnPhone())[id]?.name === 'VIP');
      assert.deepEqual((await api('GET', '/labels')).body.data, [{ id, name: 'VIP', color: 3 }]);

      const on = await api('POST', `/chats/${ctx.contact.phone}/labels/${id}`);
      assert.equal(on.statusCode, 200, JSON.stringify(on.body));
      assert.deepEqual(
        on.body.data.map((l: { id: string }) => l.id),
        [id],
      );
      await waitFor('the chat labelled on the phone', async () =>
        (await labelsOnPhone())[id]?.chats.includes(contactJid()),
      );
      assert.deepEqual((await api('GET', `/labels/${id}/chats`)).body.data, [contactJid()]);
      await api('POST', `/chats/${ctx.contact.phone}/labels/${id}/remove`);
      await waitFor(
        'the label off the chat on the phone',
        async () => !(await labelsOnPhone())[id]?.chats.includes(contactJid()),
      );
      assert.deepEqual((await api('GET', `/chats/${ctx.contact.phone}/labels`)).body.data, []);

      const renamed = await api('PATCH', `/labels/${id}`, { name: 'Very important' });
      assert.equal(renamed.body.label.name, 'Very important');
      await waitFor('renamed on the phone', async () => (await labelsOnPhone())[id]?.name === 'Very important');
      await api('POST', `/labels/${id}/delete`);
      await waitFor('deleted on the phone', async () => (await labelsOnPhone())[id]?.deleted === true);
      assert.deepEqual((await api('GET', '/labels')).body.data, []);

      const unknown = await api('POST', `/chats/${ctx.contact.phone}/labels/999`);
      assert.equal(unknown.statusCode, 404);
      assert.equal(unknown.body.error.code, 'LABEL_NOT_FOUND');
      const badColor = await api('POST', '/labels', { name: 'x', color: 25 });
      assert.equal(badColor.statusCode, 400);
    });

    test('errors: bad chat and mute time name the field; bad cursor; another account sees nothing', async () => {
      const bad = await api('POST', '/chats/not-a-chat/archive');
      assert.equal(bad.statusCode, 400);
      assert.equal(bad.body.error.field, 'chat');
      const past = await api('POST', `/chats/${ctx.contact.phone}/mute`, { until: '2001-01-01T00:00:00Z' });
      assert.equal(past.statusCode, 400);
      assert.equal(past.body.error.field, 'until');
      const cursor = await api('GET', '/chats?cursor=garbage');
      assert.equal(cursor.statusCode, 400);
      const stranger = await ctx.t.createAccount();
      const foreign = await ctx.t.request(stranger.token, 'GET', `/v1/sessions/${ctx.sessionId}/chats`);
      assert.equal(foreign.statusCode, 404);
    });
  }),
);

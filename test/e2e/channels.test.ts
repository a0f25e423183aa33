// Issue 12, channels (newsletters), end to end through the simulator: create one and post to it
// (its follower receives the post); read it; rename it; follow a channel a
// simulated phone owns, receive its posts as inbound channel messages, mute and unfollow it; list
// the channels we own and follow (WhatsApp's own list query).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { useLinkedSession, waitFor } from '../support/sim.js';
import { forEachDialect } from '../support/dialects.js';

forEachDialect((dialect) =>
  describe('channels through the API', () => {
    const ctx = useLinkedSession({ names: ['Channel Me', 'Channel Fan'], sessionName: 'channels', dialect });
    const api = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
      ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);

    test('create a channel, read it, rename it, and post to it; a follower receives the post', async () => {
      const created = await api('POST', '/channels', { name: 'News', description: 'Daily news' });
      assert.equal(created.statusCode, 201, JSON.stringify(created.body));
      const id: string = created.body.channel.id;
      assert.match(id, /@newsletter$/);
      assert.equal(created.body.channel.name, 'News');
      const got = await api('GET', `/channels/${id}`);
      assert.equal(got.statusCode, 200, JSON.stringify(got.body));
      assert.equal(got.body.channel.description, 'Daily news');
      const renamed = await api('PATCH', `/channels/${id}`, { name: 'Morning news' });
      assert.equal(renamed.statusCode, 200, JSON.stringify(renamed.body));
      assert.equal(renamed.body.channel.name, 'Morning news');

      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/newsletters/${id}/follow`);
      const sent = await api('POST', '/messages', { to: id, text: 'first post' });
      assert.equal(sent.statusCode, 202, JSON.stringify(sent.body));
      await waitFor('the post to reach the follower', async () => {
        const inbox = await ctx.sim.control<Array<{ text?: string }>>(
          'GET',
          `/sim/accounts/${ctx.contact.phone}/inbox`,
        );
        return inbox.some((i) => i.text === 'first post');
      });
    });

    test("follow a phone's channel, receive its posts, mute and unfollow it", async () => {
      const theirs = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/newsletters`, {
        name: 'Fan club',
      });
      const followed = await api('POST', `/channels/${theirs.id}/follow`);
      assert.equal(followed.statusCode, 200, JSON.stringify(followed.body));
      assert.equal(followed.body.channel.name, 'Fan club');
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, {
        to: theirs.id,
        text: 'hello fans',
      });
      const inbound = await waitFor('the channel post stored', async () => {
        const list = await api('GET', '/messages?direction=in');
        return list.body.data.find((m: { text: string | null }) => m.text === 'hello fans');
      });
      assert.equal(inbound.chat_id ?? inbound.chat, theirs.id);
      const muted = await api('POST', `/channels/${theirs.id}/mute`);
      assert.equal(muted.statusCode, 200, JSON.stringify(muted.body));
      const unfollowed = await api('POST', `/channels/${theirs.id}/unfollow`);
      assert.equal(unfollowed.statusCode, 200, JSON.stringify(unfollowed.body));
    });

    test('list: the channels we own and follow, as WhatsApp lists them, filtered by role', async () => {
      const ours = await api('POST', '/channels', { name: 'Listed own' });
      assert.equal(ours.statusCode, 201, JSON.stringify(ours.body));
      const theirs = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/newsletters`, {
        name: 'Listed theirs',
      });
      const other = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/newsletters`, {
        name: 'Not followed',
      });
      assert.equal((await api('POST', `/channels/${theirs.id}/follow`)).statusCode, 200);
      const list = await api('GET', '/channels');
      assert.equal(list.statusCode, 200, JSON.stringify(list.body));
      const byId = new Map<string, { role: string; name: string }>(
        list.body.data.map((c: { id: string; role: string; name: string }) => [c.id, c]),
      );
      assert.equal(byId.get(ours.body.channel.id)?.role, 'owner');
      assert.equal(byId.get(theirs.id)?.role, 'subscriber');
      assert.equal(byId.get(theirs.id)?.name, 'Listed theirs');
      assert.ok(!byId.has(other.id), 'a channel we do not follow is not listed');
      const followed = await api('GET', '/channels?role=subscriber');
      assert.ok(followed.body.data.every((c: { role: string }) => c.role === 'subscriber'));
      assert.ok(followed.body.data.some((c: { id: string }) => c.id === theirs.id));
      // Unfollowed on the phone side (another device of ours): WhatsApp's list follows.
      await ctx.sim.control('POST', `/sim/accounts/${ctx.me.phone}/newsletters/${theirs.id}/unfollow`);
      const after = await api('GET', '/channels?role=subscriber');
      assert.ok(!after.body.data.some((c: { id: string }) => c.id === theirs.id));

      const badRole = await api('GET', '/channels?role=boss');
      assert.equal(badRole.statusCode, 400);
      assert.equal(badRole.body.error.field, 'role');
      const stranger = await ctx.t.createAccount();
      const theirsList = await ctx.t.request(stranger.token, 'GET', `/v1/sessions/${ctx.sessionId}/channels`);
      assert.equal(theirsList.statusCode, 404, JSON.stringify(theirsList.body));
      const doc = await ctx.t.request(ctx.token, 'GET', '/openapi.json');
      assert.equal(doc.body.paths['/v1/sessions/{id}/channels'].get.operationId, 'channels.list');
    });

    test('errors: a bad channel names the field; an unknown one is 404', async () => {
      const bad = await api('GET', '/channels/%20');
      assert.equal(bad.statusCode, 400);
      const unknown = await api('GET', '/channels/120363999999999999@newsletter');
      assert.equal(unknown.statusCode, 404, JSON.stringify(unknown.body));
      assert.equal(unknown.body.error.code, 'CHANNEL_NOT_FOUND');
    });
  }),
);

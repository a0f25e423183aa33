// Issue 12, groups, end to end through the simulator and unmodified Baileys, each operation observed
// on the simulated side: a group created through the API exists with its members; participants
// added, promoted and removed; subject, description and settings changed; invite links read, revoked
// and used to join from another linked session, which then leaves; a group message sent through the
// API is decrypted by every member (sender keys), and a member's message arrives with its sender.
// Errors: unknown group 404, bad ids 400 naming the field, another account 404, not connected 409.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkSessionByQr, testPhone, useLinkedSession, waitFor } from '../support/sim.js';
import { forEachDialect } from '../support/dialects.js';

interface SimGroup {
  id: string;
  subject: string;
  description?: string;
  announce: boolean;
  restrict: boolean;
  join_approval: boolean;
  member_add_mode: string;
  invite_code: string;
  participants: Array<{ phone: string; lid: string; role?: string }>;
}

forEachDialect((dialect) =>
  describe('groups through the API', () => {
    const ctx = useLinkedSession({ names: ['Group Owner', 'Group Member'], sessionName: 'groups', dialect });
    let groupId = '';
    const simGroup = () => ctx.sim.control<SimGroup>('GET', `/sim/groups/${groupId}`);
    const api = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
      ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);

    test('create: the group exists on WhatsApp with us as admin and the member in it; list and get show it', async () => {
      const res = await api('POST', '/groups', { subject: 'Team', participants: [`+${ctx.contact.phone}`] });
      assert.equal(res.statusCode, 201, JSON.stringify(res.body));
      groupId = res.body.group.id;
      assert.match(groupId, /@g\.us$/);
      const g = await simGroup();
      assert.equal(g.subject, 'Team');
      const phones = g.participants.map((p) => p.phone).sort();
      assert.deepEqual(phones, [ctx.contact.phone, ctx.me.phone].sort());
      assert.ok(['admin', 'superadmin'].includes(g.participants.find((p) => p.phone === ctx.me.phone)?.role ?? ''));

      const listed = await api('GET', '/groups');
      assert.equal(listed.statusCode, 200);
      assert.ok(listed.body.data.some((x: { id: string }) => x.id === groupId));
      const got = await api('GET', `/groups/${groupId}`);
      assert.equal(got.body.group.subject, 'Team');
      const member = got.body.group.participants.find((p: { phone: string | null }) => p.phone === ctx.contact.phone);
      assert.ok(member, JSON.stringify(got.body.group.participants));
      assert.equal(member.role, 'member');

      const common = await api('GET', `/contacts/${ctx.contact.phone}/groups`);
      assert.equal(common.statusCode, 200, JSON.stringify(common.body));
      assert.deepEqual(
        common.body.data.map((g: { id: string }) => g.id),
        [groupId],
      );
      const stranger = await ctx.sim.account(testPhone(), 'Stranger');
      assert.deepEqual((await api('GET', `/contacts/${stranger.phone}/groups`)).body.data, []);
    });

    test('participants: add, promote, demote and remove, with a result per participant', async () => {
      const third = await ctx.sim.account(testPhone(), 'Third');
      const added = await api('POST', `/groups/${groupId}/participants`, {
        action: 'add',
        participants: [third.phone, ctx.contact.phone],
      });
      assert.equal(added.statusCode, 200, JSON.stringify(added.body));
      const byPhone = (phone: string) =>
        added.body.results.find((r: { participant: string }) => r.participant.startsWith(phone));
      assert.equal(byPhone(third.phone)?.status, 200, JSON.stringify(added.body.results));
      assert.equal(byPhone(third.phone)?.ok, true);
      assert.equal(byPhone(ctx.contact.phone)?.status, 409, 'already in the group');
      assert.ok((await simGroup()).participants.some((p) => p.phone === third.phone));

      await api('POST', `/groups/${groupId}/participants`, { action: 'promote', participants: [third.phone] });
      assert.equal((await simGroup()).participants.find((p) => p.phone === third.phone)?.role, 'admin');
      await api('POST', `/groups/${groupId}/participants`, { action: 'demote', participants: [third.phone] });
      assert.ok(!(await simGroup()).participants.find((p) => p.phone === third.phone)?.role);
      const removed = await api('POST', `/groups/${groupId}/participants`, {
        action: 'remove',
        participants: [third.phone],
      });
      assert.equal(removed.body.results[0].status, 200);
      assert.ok(!(await simGroup()).participants.some((p) => p.phone === third.phone));
    });

    test('settings: subject, description, announce, restrict, join approval and member add mode', async () => {
      const res = await api('PATCH', `/groups/${groupId}`, {
        subject: 'Team (renamed)',
        description: 'Where we talk',
        announce: true,
        restrict: true,
        join_approval: true,
        member_add_mode: 'all_member_add',
      });
      assert.equal(res.statusCode, 200, JSON.stringify(res.body));
      assert.equal(res.body.group.subject, 'Team (renamed)');
      assert.equal(res.body.group.description, 'Where we talk');
      const g = await simGroup();
      assert.equal(g.subject, 'Team (renamed)');
      assert.equal(g.description, 'Where we talk');
      assert.equal(g.announce, true);
      assert.equal(g.restrict, true);
      assert.equal(g.join_approval, true);
      assert.equal(g.member_add_mode, 'all_member_add');
      await api('PATCH', `/groups/${groupId}`, { announce: false, join_approval: false, description: null });
      const back = await simGroup();
      assert.equal(back.announce, false);
      assert.equal(back.join_approval, false);
      assert.ok(!back.description);
    });

    test('picture: set from a PNG and removed, as members see it', async () => {
      const { default: sharp } = await import('sharp');
      const png = await sharp({ create: { width: 64, height: 64, channels: 3, background: '#3366cc' } })
        .png()
        .toBuffer();
      const set = await api('PATCH', `/groups/${groupId}`, { picture: { base64: png.toString('base64') } });
      assert.equal(set.statusCode, 200, JSON.stringify(set.body));
      const url = await api('GET', `/contacts/${groupId}/picture`);
      assert.equal(url.statusCode, 200, JSON.stringify(url.body));
      assert.ok(url.body.url, 'the group has a picture');
      const removed = await api('PATCH', `/groups/${groupId}`, { picture: null });
      assert.equal(removed.statusCode, 200, JSON.stringify(removed.body));
      assert.equal((await api('GET', `/contacts/${groupId}/picture`)).body.url, null);
    });

    test('a group message through the API is decrypted by every member; a member’s reply arrives with its sender', async () => {
      const sent = await api('POST', '/messages', { to: groupId, text: 'hello group' });
      assert.equal(sent.statusCode, 202, JSON.stringify(sent.body));
      await waitFor('the member to decrypt the group message', async () => {
        const inbox = await ctx.sim.control<Array<{ text?: string; group?: string }>>(
          'GET',
          `/sim/accounts/${ctx.contact.phone}/inbox`,
        );
        return inbox.some((i) => i.text === 'hello group' && i.group === groupId);
      });
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/messages`, { to: groupId, text: 'hi all' });
      const inbound = await waitFor('the member’s message stored', async () => {
        const list = await api('GET', '/messages?direction=in');
        return list.body.data.find((m: { text: string | null }) => m.text === 'hi all');
      });
      assert.equal(inbound.chat_id ?? inbound.chat, groupId);
      assert.equal(inbound.sender.phone, ctx.contact.phone);
      assert.equal(inbound.sender.lid, `${ctx.contact.lid}@lid`);
    });

    test('invites: read and revoke the link; another linked number joins with it and leaves', async () => {
      const first = await api('GET', `/groups/${groupId}/invite`);
      assert.equal(first.statusCode, 200, JSON.stringify(first.body));
      assert.equal(first.body.code, (await simGroup()).invite_code);
      assert.equal(first.body.url, `https://chat.whatsapp.com/${first.body.code}`);
      const revoked = await api('POST', `/groups/${groupId}/invite/revoke`);
      assert.notEqual(revoked.body.code, first.body.code);
      assert.equal(revoked.body.code, (await simGroup()).invite_code);

      // A second number of the same account joins by the link.
      const other = await ctx.sim.account(testPhone(), 'Joiner');
      const otherSession = await linkSessionByQr(ctx.t, ctx.token, ctx.sim, other.phone);
      const info = await ctx.t.request(
        ctx.token,
        'GET',
        `/v1/sessions/${otherSession}/groups/invites/${revoked.body.code}`,
      );
      assert.equal(info.statusCode, 200, JSON.stringify(info.body));
      assert.equal(info.body.group.id, groupId);
      const joined = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${otherSession}/groups/join`, {
        code: revoked.body.url,
      });
      assert.equal(joined.statusCode, 200, JSON.stringify(joined.body));
      assert.equal(joined.body.group.id, groupId);
      assert.ok((await simGroup()).participants.some((p) => p.phone === other.phone));
      const stale = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${otherSession}/groups/join`, {
        code: first.body.code,
      });
      assert.equal(stale.statusCode, 404, JSON.stringify(stale.body));
      assert.equal(stale.body.error.code, 'INVITE_NOT_FOUND');

      // Not an admin there: settings (restricted to admins above) and participants are refused.
      const rename = await ctx.t.request(ctx.token, 'PATCH', `/v1/sessions/${otherSession}/groups/${groupId}`, {
        subject: 'taken over',
      });
      assert.equal(rename.statusCode, 403, JSON.stringify(rename.body));
      assert.equal(rename.body.error.code, 'NOT_GROUP_ADMIN');
      assert.equal((await simGroup()).subject, 'Team (renamed)');

      const left = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${otherSession}/groups/${groupId}/leave`);
      assert.equal(left.statusCode, 200, JSON.stringify(left.body));
      assert.ok(!(await simGroup()).participants.some((p) => p.phone === other.phone));
    });

    test('changes made on WhatsApp arrive as groups.upsert, groups.update and groups.participants events', async () => {
      const events = async (type: string) => {
        const res = await ctx.t.request(ctx.token, 'GET', `/v1/events/history?session_id=${ctx.sessionId}&limit=500`);
        return (res.body.data as Array<{ type: string; data: Record<string, unknown> }>).filter((e) => e.type === type);
      };
      // A phone creates a group with us in it.
      const created = await ctx.sim.control<{ id: string }>('POST', `/sim/accounts/${ctx.contact.phone}/groups`, {
        subject: 'Their group',
        participants: [ctx.me.phone],
      });
      const upsert = await waitFor('groups.upsert', async () =>
        (await events('groups.upsert')).find((e) =>
          (e.data.groups as Array<{ id: string }>).some((g) => g.id === created.id),
        ),
      );
      const group = (upsert.data.groups as Array<{ id: string; subject: string }>).find((g) => g.id === created.id);
      assert.equal(group?.subject, 'Their group');
      // Its admin renames it and adds someone.
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/groups/${created.id}`, {
        subject: 'Renamed there',
      });
      await waitFor('groups.update', async () =>
        (await events('groups.update')).find((e) =>
          (e.data.groups as Array<{ id: string; subject?: string }>).some(
            (g) => g.id === created.id && g.subject === 'Renamed there',
          ),
        ),
      );
      const fourth = await ctx.sim.account(testPhone(), 'Fourth');
      await ctx.sim.control('POST', `/sim/accounts/${ctx.contact.phone}/groups/${created.id}/participants`, {
        action: 'add',
        participants: [fourth.phone],
      });
      const added = await waitFor('groups.participants', async () =>
        (await events('groups.participants')).find((e) => e.data.group === created.id && e.data.action === 'add'),
      );
      const person = (added.data.participants as Array<{ phone: string | null; lid: string | null }>)[0];
      assert.ok(
        person?.phone === fourth.phone || person?.lid === `${fourth.lid}@lid`,
        JSON.stringify(added.data.participants),
      );
      assert.ok(added.data.by, 'who made the change');
    });

    test('errors: unknown group, bad ids and inputs name the field, another account, not connected', async () => {
      const unknown = await api('GET', '/groups/123456789-987654321@g.us');
      assert.equal(unknown.statusCode, 404, JSON.stringify(unknown.body));
      assert.equal(unknown.body.error.code, 'GROUP_NOT_FOUND');

      const notGroup = await api('GET', `/groups/${ctx.contact.phone}@s.whatsapp.net`);
      assert.equal(notGroup.statusCode, 400);
      assert.equal(notGroup.body.error.field, 'group_id');

      const badPerson = await api('POST', `/groups/${groupId}/participants`, {
        action: 'add',
        participants: ['not a number'],
      });
      assert.equal(badPerson.statusCode, 400);
      assert.equal(badPerson.body.error.field, 'participants.0');
      const badAction = await api('POST', `/groups/${groupId}/participants`, { action: 'kick', participants: ['1'] });
      assert.equal(badAction.statusCode, 400);
      const badPicture = await api('PATCH', `/groups/${groupId}`, { picture: { base64: 'bm90IGFuIGltYWdl' } });
      assert.equal(badPicture.statusCode, 400, JSON.stringify(badPicture.body));
      assert.equal(badPicture.body.error.field, 'picture');
      const emptyPatch = await api('PATCH', `/groups/${groupId}`, {});
      assert.equal(emptyPatch.statusCode, 400);
      const noSubject = await api('POST', '/groups', { subject: '', participants: [ctx.contact.phone] });
      assert.equal(noSubject.statusCode, 400);

      const stranger = await ctx.t.createAccount();
      const foreign = await ctx.t.request(stranger.token, 'GET', `/v1/sessions/${ctx.sessionId}/groups`);
      assert.equal(foreign.statusCode, 404);

      const idle = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', {});
      const notConnected = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${idle.body.session.id}/groups`);
      assert.equal(notConnected.statusCode, 409);
      assert.equal(notConnected.body.error.code, 'SESSION_NOT_CONNECTED');
    });
  }),
);

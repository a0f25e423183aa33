// Issue 12, join requests, end to end through the simulator and unmodified Baileys: with join
// approval on, a number joining by invite makes a request (pending, not a member on WhatsApp); the
// admin lists it through the API with phone and LID, approves it (the number is then in the simulated
// group) and rejects another. Errors: not an admin 403, bad input 400 naming the field, another
// account 404, unknown request 404 per person.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { linkSessionByQr, testPhone, useLinkedSession } from '../support/sim.js';

interface SimGroup {
  id: string;
  invite_code: string;
  participants: Array<{ phone: string }>;
  requests: string[];
}

describe('group join requests through the API', () => {
  const ctx = useLinkedSession({ names: ['Approver', 'Member'], sessionName: 'join-requests' });
  let groupId = '';
  const simGroup = () => ctx.sim.control<SimGroup>('GET', `/sim/groups/${groupId}`);
  const api = (method: 'GET' | 'POST' | 'PATCH', path: string, body?: unknown) =>
    ctx.t.request(ctx.token, method, `/v1/sessions/${ctx.sessionId}${path}`, body);

  test('a join by invite becomes a request; listed, approved (member on WhatsApp) and rejected', async () => {
    const created = await api('POST', '/groups', { subject: 'Gated', participants: [ctx.contact.phone] });
    assert.equal(created.statusCode, 201, JSON.stringify(created.body));
    groupId = created.body.group.id;
    assert.equal((await api('PATCH', `/groups/${groupId}`, { join_approval: true })).statusCode, 200);
    const { code } = (await api('GET', `/groups/${groupId}/invite`)).body;

    // Another linked number of the same account joins through the API: a request, not a membership.
    const joiner = await ctx.sim.account(testPhone(), 'Joiner');
    const joinerSession = await linkSessionByQr(ctx.t, ctx.token, ctx.sim, joiner.phone);
    const joined = await ctx.t.request(ctx.token, 'POST', `/v1/sessions/${joinerSession}/groups/join`, { code });
    assert.equal(joined.statusCode, 200, JSON.stringify(joined.body));
    assert.equal(joined.body.pending, true);
    assert.equal(joined.body.group.id, groupId);
    let g = await simGroup();
    assert.deepEqual(g.requests, [joiner.phone]);
    assert.ok(!g.participants.some((p) => p.phone === joiner.phone));

    // A simulated phone asks too.
    const asker = await ctx.sim.account(testPhone(), 'Asker');
    await ctx.sim.control('POST', `/sim/accounts/${asker.phone}/groups/join`, { code });

    const listed = await api('GET', `/groups/${groupId}/requests`);
    assert.equal(listed.statusCode, 200, JSON.stringify(listed.body));
    const phones = listed.body.data.map((r: { phone: string }) => r.phone).sort();
    assert.deepEqual(phones, [asker.phone, joiner.phone].sort());
    const first = listed.body.data.find((r: { phone: string }) => r.phone === joiner.phone);
    assert.equal(first.jid, `${joiner.phone}@s.whatsapp.net`);
    assert.match(first.requested_at, /^\d{4}-\d\d-\d\dT/);

    const approved = await api('POST', `/groups/${groupId}/requests`, {
      action: 'approve',
      participants: [joiner.phone],
    });
    assert.equal(approved.statusCode, 200, JSON.stringify(approved.body));
    assert.equal(approved.body.results[0].status, 200);
    const rejected = await api('POST', `/groups/${groupId}/requests`, {
      action: 'reject',
      participants: [asker.phone, ctx.contact.phone],
    });
    assert.equal(rejected.statusCode, 200, JSON.stringify(rejected.body));
    assert.deepEqual(
      rejected.body.results.map((r: { status: number }) => r.status),
      [200, 404],
      'the member had not asked',
    );
    g = await simGroup();
    assert.deepEqual(g.requests, []);
    assert.ok(
      g.participants.some((p) => p.phone === joiner.phone),
      'approved: a member on WhatsApp',
    );
    assert.ok(!g.participants.some((p) => p.phone === asker.phone), 'rejected: not a member');

    // The joiner is a member, not an admin: the list is refused.
    const refused = await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${joinerSession}/groups/${groupId}/requests`);
    assert.equal(refused.statusCode, 403, JSON.stringify(refused.body));
    assert.equal(refused.body.error.code, 'NOT_GROUP_ADMIN');
  });

  test('errors: bad action and participants name the field, another account, not connected', async () => {
    const badAction = await api('POST', `/groups/${groupId}/requests`, { action: 'maybe', participants: ['1'] });
    assert.equal(badAction.statusCode, 400, JSON.stringify(badAction.body));
    const badPerson = await api('POST', `/groups/${groupId}/requests`, {
      action: 'approve',
      participants: ['not a number'],
    });
    assert.equal(badPerson.statusCode, 400);
    assert.equal(badPerson.body.error.field, 'participants.0');
    const notGroup = await api('GET', `/groups/${ctx.contact.phone}@s.whatsapp.net/requests`);
    assert.equal(notGroup.statusCode, 400);
    assert.equal(notGroup.body.error.field, 'group_id');

    const stranger = await ctx.t.createAccount();
    const foreign = await ctx.t.request(
      stranger.token,
      'GET',
      `/v1/sessions/${ctx.sessionId}/groups/${groupId}/requests`,
    );
    assert.equal(foreign.statusCode, 404);
    const foreignAnswer = await ctx.t.request(
      stranger.token,
      'POST',
      `/v1/sessions/${ctx.sessionId}/groups/${groupId}/requests`,
      { action: 'approve', participants: [ctx.contact.phone] },
    );
    assert.equal(foreignAnswer.statusCode, 404);

    const idle = await ctx.t.request(ctx.token, 'POST', '/v1/sessions', {});
    const notConnected = await ctx.t.request(
      ctx.token,
      'GET',
      `/v1/sessions/${idle.body.session.id}/groups/${groupId}/requests`,
    );
    assert.equal(notConnected.statusCode, 409);
  });
});

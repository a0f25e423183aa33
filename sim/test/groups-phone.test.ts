import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAMessageStubType } from 'baileys';
import { control, linkByQr, startSim, until } from './support/sim.js';

// Simulated phones in groups, driven through the control API, against an unmodified Baileys member:
// a phone creates a group, sends into it with its own sender key, manages members, and reads.

type Item = { id: string; text?: string; from: string; group?: string };
type Sent = { id: string; to: string; status: string; read_by: string[] };
type View = {
  id: string;
  subject: string;
  participants: { phone: string; lid: string; role?: string }[];
  invite_code: string;
};

test('a phone creates a group, sends into it (skmsg), and a Baileys member and another phone read it', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15553330021');
  t.after(() => a.end());
  for (const phone of ['15553330022', '15553330023', '15553330024'])
    await control(sim, 'POST', '/sim/accounts', { phone });

  const created = await control<View>(sim, 'POST', '/sim/accounts/15553330022/groups', {
    subject: 'Phones',
    participants: ['15553330021', '+15553330023'],
  });
  assert.equal(created.status, 200);
  const gid = created.body.id;
  assert.deepEqual(
    created.body.participants.map((p) => [p.phone, p.role]),
    [
      ['15553330022', 'superadmin'],
      ['15553330021', undefined],
      ['15553330023', undefined],
    ],
  );
  await a.waitForMessage((m) => m.key.remoteJid === gid && m.messageStubType === WAMessageStubType.GROUP_CREATE);
  assert.ok(gid in (await a.sock.groupFetchAllParticipating()));

  const sent = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15553330022/messages', {
    to: gid,
    text: 'from the phone',
  });
  assert.equal(sent.status, 200);
  const got = await a.waitForMessage((m) => m.key.id === sent.body.id);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'from the phone');
  assert.equal(got.key.remoteJid, gid);
  assert.equal(got.key.participantAlt, '15553330022@s.whatsapp.net');
  await until('the other phone to decrypt it', async () =>
    (await control<Item[]>(sim, 'GET', '/sim/accounts/15553330023/inbox')).body.some(
      (m) => m.id === sent.body.id && m.group === gid && m.text === 'from the phone',
    ),
  );

  await a.sock.readMessages([got.key]);
  await until('the phone to see the read receipt', async () =>
    (await control<Sent[]>(sim, 'GET', '/sim/accounts/15553330022/sent')).body.some(
      (m) => m.id === sent.body.id && m.status === 'read' && m.read_by.some((j) => j.includes('@lid')),
    ),
  );

  const fromA = await a.sock.sendMessage(gid, { text: 'from Baileys' });
  for (const phone of ['15553330022', '15553330023']) {
    await until(`${phone} to decrypt A's message`, async () =>
      (await control<Item[]>(sim, 'GET', `/sim/accounts/${phone}/inbox`)).body.some(
        (m) => m.id === fromA!.key.id && m.from === '15553330021' && m.group === gid,
      ),
    );
  }
  const second = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15553330022/messages', {
    to: gid,
    text: 'second',
  });
  await a.waitForMessage((m) => m.key.id === second.body.id);

  const added = await control<{ participant: string; status: string }[]>(
    sim,
    'POST',
    `/sim/accounts/15553330022/groups/${gid}/participants`,
    { action: 'add', participants: ['15553330024', '19990000002'] },
  );
  assert.deepEqual(
    added.body.map((r) => r.status),
    ['200', '404'],
  );
  await a.waitForMessage(
    (m) => m.key.remoteJid === gid && m.messageStubType === WAMessageStubType.GROUP_PARTICIPANT_ADD,
  );
  const forbidden = await control<{ error: { code: string } }>(
    sim,
    'POST',
    `/sim/accounts/15553330023/groups/${gid}/participants`,
    { action: 'remove', participants: ['15553330024'] },
  );
  assert.equal(forbidden.status, 403);
  assert.equal(forbidden.body.error.code, 'FORBIDDEN');
  const renamed = await control<View>(sim, 'POST', `/sim/accounts/15553330022/groups/${gid}`, {
    subject: 'Phones 2',
    announce: true,
  });
  assert.equal(renamed.body.subject, 'Phones 2');
  await a.waitForMessage(
    (m) => m.key.remoteJid === gid && m.messageStubType === WAMessageStubType.GROUP_CHANGE_SUBJECT,
  );
  assert.equal((await a.sock.groupMetadata(gid)).announce, true);
  const invite = await control<{ code: string }>(sim, 'GET', `/sim/accounts/15553330022/groups/${gid}/invite`);
  assert.equal(invite.body.code, (await control<View>(sim, 'GET', `/sim/groups/${gid}`)).body.invite_code);
  const left = await control(sim, 'POST', `/sim/accounts/15553330024/groups/${gid}/leave`);
  assert.equal(left.status, 200);
  const joined = await control<View>(sim, 'POST', '/sim/accounts/15553330024/groups/join', { code: invite.body.code });
  assert.ok(joined.body.participants.some((p) => p.phone === '15553330024'));
  assert.equal((await control(sim, 'GET', '/sim/groups/120363000000000000')).status, 404);
  assert.equal(
    (await control(sim, 'POST', '/sim/accounts/15553330022/groups', { subject: 'x', participants: 'nope' })).status,
    400,
  );
  assert.deepEqual(
    (await control<View[]>(sim, 'GET', '/sim/accounts/15553330021/groups')).body.map((g) => g.id),
    [gid],
  );
  assert.deepEqual(sim.unhandled(), []);
});

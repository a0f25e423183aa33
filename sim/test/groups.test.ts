import { test } from 'node:test';
import assert from 'node:assert/strict';
import { WAMessageStubType } from 'baileys';
import type { TestClient } from './support/client.js';
import { control, linkByQr, startSim, until } from './support/sim.js';

// Groups against unmodified Baileys (design §8.1): w:g2 queries and changes, w:gp2 notifications,
// and group messages with sender keys, to Baileys members and to a simulated phone member.

const textOf = (c: TestClient, id: string): string | undefined => {
  const m = c.messages.find((x) => x.key.id === id)?.message;
  return m?.conversation ?? m?.extendedTextMessage?.text ?? undefined;
};
type Item = { id: string; text?: string; from: string; group?: string };

test('groups: create, metadata, messages both ways with sender keys, a phone member decrypts them too', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15553330001');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15553330002');
  t.after(() => b.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15553330003' });

  const meta = await a.sock.groupCreate('Team', ['15553330002@s.whatsapp.net', '15553330003@s.whatsapp.net']);
  assert.match(meta.id, /^\d+@g\.us$/);
  assert.equal(meta.subject, 'Team');
  assert.equal(meta.participants.length, 3);
  assert.equal(meta.addressingMode, 'lid');
  const creator = meta.participants.find((p) => p.phoneNumber === '15553330001@s.whatsapp.net');
  assert.equal(creator?.admin, 'superadmin');
  await b.waitForMessage((m) => m.key.remoteJid === meta.id && m.messageStubType === WAMessageStubType.GROUP_CREATE);
  const all = await b.sock.groupFetchAllParticipating();
  assert.deepEqual(Object.keys(all), [meta.id]);
  assert.equal((await b.sock.groupMetadata(meta.id)).subject, 'Team');

  const first = await a.sock.sendMessage(meta.id, { text: 'hello group' });
  await b.waitForMessage((m) => m.key.id === first!.key.id);
  assert.equal(textOf(b, first!.key.id!), 'hello group');
  const got = b.messages.find((m) => m.key.id === first!.key.id)!;
  assert.equal(got.key.remoteJid, meta.id);
  assert.equal(got.key.participantAlt, '15553330001@s.whatsapp.net', 'the author by phone number too');
  let inbox: Item[] = [];
  await until('the phone member to decrypt it', async () => {
    inbox = (await control<Item[]>(sim, 'GET', '/sim/accounts/15553330003/inbox')).body;
    return inbox.some((m) => m.id === first!.key.id);
  });
  assert.deepEqual(
    inbox.find((m) => m.id === first!.key.id),
    { ...inbox.find((m) => m.id === first!.key.id), text: 'hello group', from: '15553330001', group: meta.id },
  );

  const reply = await b.sock.sendMessage(meta.id, { text: 'hi all' });
  await a.waitForMessage((m) => m.key.id === reply!.key.id);
  assert.equal(textOf(a, reply!.key.id!), 'hi all');
  const second = await a.sock.sendMessage(meta.id, { text: 'again' });
  await b.waitForMessage((m) => m.key.id === second!.key.id);
  await until('the phone member to decrypt the replies', async () => {
    inbox = (await control<Item[]>(sim, 'GET', '/sim/accounts/15553330003/inbox')).body;
    return inbox.some((m) => m.id === reply!.key.id) && inbox.some((m) => m.id === second!.key.id);
  });
  assert.equal(inbox.find((m) => m.id === reply!.key.id)?.from, '15553330002');
  assert.deepEqual(sim.unhandled(), []);
});

test('groups: participants, admin rules, invite codes, subject/description/settings, leave', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15553330011');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15553330012');
  t.after(() => b.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15553330013' });
  const meta = await a.sock.groupCreate('Club', ['15553330012@s.whatsapp.net']);
  const gid = meta.id;

  const added = await a.sock.groupParticipantsUpdate(
    gid,
    ['15553330013@s.whatsapp.net', '19990000001@s.whatsapp.net', '15553330012@s.whatsapp.net'],
    'add',
  );
  assert.deepEqual(
    added.map((r) => r.status),
    ['200', '404', '409'],
    'per participant, as WhatsApp reports it',
  );
  await b.waitForMessage(
    (m) => m.key.remoteJid === gid && m.messageStubType === WAMessageStubType.GROUP_PARTICIPANT_ADD,
  );
  assert.equal((await a.sock.groupMetadata(gid)).participants.length, 3);
  await assert.rejects(
    b.sock.groupParticipantsUpdate(gid, ['15553330013@s.whatsapp.net'], 'remove'),
    /forbidden/,
    'a member is not an admin',
  );
  await a.sock.groupParticipantsUpdate(gid, ['15553330012@s.whatsapp.net'], 'promote');
  assert.equal(
    (await b.sock.groupMetadata(gid)).participants.find((p) => p.phoneNumber === '15553330012@s.whatsapp.net')?.admin,
    'admin',
  );
  const removed = await b.sock.groupParticipantsUpdate(gid, ['15553330013@s.whatsapp.net'], 'remove');
  assert.deepEqual(
    removed.map((r) => r.status),
    ['200'],
  );
  await a.sock.groupParticipantsUpdate(gid, ['15553330012@s.whatsapp.net'], 'demote');
  assert.equal(
    (await a.sock.groupMetadata(gid)).participants.find((p) => p.phoneNumber === '15553330012@s.whatsapp.net')?.admin,
    null,
  );

  await a.sock.groupUpdateSubject(gid, 'Club 2');
  await b.waitForMessage(
    (m) =>
      m.key.remoteJid === gid &&
      m.messageStubType === WAMessageStubType.GROUP_CHANGE_SUBJECT &&
      m.messageStubParameters?.[0] === 'Club 2',
  );
  await a.sock.groupUpdateDescription(gid, 'rules: be kind');
  assert.equal((await b.sock.groupMetadata(gid)).desc, 'rules: be kind');
  await a.sock.groupSettingUpdate(gid, 'locked');
  await assert.rejects(b.sock.groupUpdateSubject(gid, 'mine now'), /forbidden/, 'locked: only admins edit');
  await a.sock.groupSettingUpdate(gid, 'announcement');
  const m1 = await a.sock.groupMetadata(gid);
  assert.equal(m1.announce, true);
  assert.equal(m1.restrict, true);
  await a.sock.groupMemberAddMode(gid, 'all_member_add');
  assert.equal((await a.sock.groupMetadata(gid)).memberAddMode, true);
  const muted = await b.sock.sendMessage(gid, { text: 'may I?' });
  const refused = (): boolean =>
    b.messageUpdates.some((u) => u.key.id === muted!.key.id && u.update.status === 0) ||
    b.messages.some((m) => m.key.id === muted!.key.id && (m.status as unknown) === 0);
  await until("announcement: a member's message refused with an error ack (status ERROR)", refused);
  assert.ok(!a.messages.some((m) => m.key.id === muted!.key.id), 'and not relayed');
  await a.sock.groupSettingUpdate(gid, 'not_announcement');

  const code = await a.sock.groupInviteCode(gid);
  assert.ok(code);
  await assert.rejects(b.sock.groupInviteCode(gid), /forbidden/);
  await b.sock.groupLeave(gid);
  await a.waitForMessage(
    (m) => m.key.remoteJid === gid && m.messageStubType === WAMessageStubType.GROUP_PARTICIPANT_LEAVE,
  );
  await assert.rejects(b.sock.groupMetadata(gid), /item-not-found/, 'a former member learns nothing');
  const info = await b.sock.groupGetInviteInfo(code!);
  assert.equal(info.subject, 'Club 2');
  assert.equal(await b.sock.groupAcceptInvite(code!), gid);
  assert.equal((await b.sock.groupMetadata(gid)).participants.length, 2);
  const fresh = await a.sock.groupRevokeInvite(gid);
  assert.notEqual(fresh, code);
  await assert.rejects(b.sock.groupGetInviteInfo(code!), /not-acceptable/, 'a revoked code no longer works');
  assert.deepEqual(sim.unhandled(), []);
});

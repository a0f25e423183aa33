import { test } from 'node:test';
import assert from 'node:assert/strict';
import sharp from 'sharp';
import { mediaDownloadOptions } from './support/media.js';
import { control, linkByQr, startSim, until } from './support/sim.js';

// Contacts and profile against unmodified Baileys (design §8.3): onWhatsApp for many numbers,
// about (fetchStatus / updateProfileStatus), profile pictures, and the block list with its effect.

type Profile = { phone: string; about: string; picture_url?: string; blocked: string[] };
type Item = { id: string; text?: string };
type Sent = { id: string; status: string };

test('onWhatsApp for 100 numbers in one query; about and profile pictures both ways', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15554440001');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15554440002');
  t.after(() => b.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15554440003' });

  const numbers = Array.from({ length: 97 }, (_, i) => `1999000${String(i).padStart(4, '0')}`);
  const asked = [...numbers, '15554440002', '+15554440003', '15554440001'];
  const stanzasBefore = sim.control.stats().stanzas.in;
  const found = await a.sock.onWhatsApp(...asked);
  assert.ok(sim.control.stats().stanzas.in - stanzasBefore <= 2, 'one usync query for all of them');
  assert.deepEqual(found!.map((r) => r.jid).sort(), [
    '15554440001@s.whatsapp.net',
    '15554440002@s.whatsapp.net',
    '15554440003@s.whatsapp.net',
  ]);

  const about = async (jid: string): Promise<{ status: string; setAt: Date }> =>
    (await a.sock.fetchStatus(jid))![0]!.status as { status: string; setAt: Date };
  assert.equal((await about('15554440002@s.whatsapp.net')).status, 'Hey there! I am using WhatsApp.');
  await b.sock.updateProfileStatus('out fishing');
  const status = await about('15554440002@s.whatsapp.net');
  assert.equal(status.status, 'out fishing');
  assert.ok(Math.abs(status.setAt.getTime() - Date.now()) < 5_000);
  await control(sim, 'POST', '/sim/accounts/15554440003/profile', { about: 'phone about' });
  assert.equal((await about('15554440003@s.whatsapp.net')).status, 'phone about');

  await assert.rejects(a.sock.profilePictureUrl('15554440002@s.whatsapp.net'), /item-not-found/, 'no picture yet');
  const jpeg = await sharp({ create: { width: 32, height: 32, channels: 3, background: '#c00' } })
    .jpeg()
    .toBuffer();
  await b.sock.updateProfilePicture('15554440002@s.whatsapp.net', jpeg);
  const url = await a.sock.profilePictureUrl('15554440002@s.whatsapp.net', 'image');
  assert.match(url!, /^https:\/\/127\.0\.0\.1:\d+\/v\//);
  const res = await fetch(url!, mediaDownloadOptions(sim).options);
  const served = Buffer.from(await res.arrayBuffer());
  assert.equal((await sharp(served).metadata()).format, 'jpeg', 'the picture Baileys uploaded is served');
  await b.sock.removeProfilePicture('15554440002@s.whatsapp.net');
  await assert.rejects(a.sock.profilePictureUrl('15554440002@s.whatsapp.net'), /item-not-found/);

  const set = await control<Profile>(sim, 'POST', '/sim/accounts/15554440003/profile', {
    picture: { base64: jpeg.toString('base64') },
  });
  assert.ok(set.body.picture_url);
  assert.equal(await a.sock.profilePictureUrl('15554440003@s.whatsapp.net'), set.body.picture_url);
  assert.equal((await control(sim, 'POST', '/sim/accounts/15554440003/profile', { about: 7 })).status, 400);
  assert.deepEqual(sim.unhandled(), []);
});

test("block list: a blocked contact's messages are accepted and never delivered, until unblocked", async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15554440011');
  t.after(() => a.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15554440012' });
  const c = '15554440012@s.whatsapp.net';
  // A knows C's LID once it has talked to it (Baileys needs the mapping to block by LID).
  const hello = await a.sock.sendMessage(c, { text: 'hello' });
  await a.waitForStatus(hello!.key.id!, 3);

  await a.sock.updateBlockStatus(c, 'block');
  const list = await a.sock.fetchBlocklist();
  const profile = await control<Profile & { lid: string }>(sim, 'GET', '/sim/accounts/15554440012/profile');
  assert.deepEqual(list, [`${profile.body.lid}@lid`]);
  const blockedMsg = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15554440012/messages', {
    to: '15554440011',
    text: 'can you hear me?',
  });
  await until('the server ack', async () =>
    (await control<Sent[]>(sim, 'GET', '/sim/accounts/15554440012/sent')).body.some(
      (m) => m.id === blockedMsg.body.id && m.status === 'server_ack',
    ),
  );
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(!a.messages.some((m) => m.key.id === blockedMsg.body.id), 'not delivered to the blocker');

  await a.sock.updateBlockStatus(c, 'unblock');
  assert.deepEqual(await a.sock.fetchBlocklist(), []);
  const after = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15554440012/messages', {
    to: '15554440011',
    text: 'now?',
  });
  await a.waitForMessage((m) => m.key.id === after.body.id);

  // The phone blocks A through the control API: A's messages stop reaching it.
  const blocked = await control<Profile>(sim, 'POST', '/sim/accounts/15554440012/block', {
    phone: '15554440011',
    action: 'block',
  });
  assert.deepEqual(blocked.body.blocked, ['15554440011']);
  const fromA = await a.sock.sendMessage(c, { text: 'still there?' });
  await new Promise((r) => setTimeout(r, 500));
  assert.ok(
    !(await control<Item[]>(sim, 'GET', '/sim/accounts/15554440012/inbox')).body.some((m) => m.id === fromA!.key.id),
  );
  assert.deepEqual(sim.unhandled(), []);
});

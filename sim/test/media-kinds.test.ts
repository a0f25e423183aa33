/**
 * Stage 5 and message kinds at the phone, against real, unmodified Baileys: media_conn, HTTPS upload
 * to the simulator's media host (its own CA), download + MAC check + decrypt at the contact's phone;
 * every kind decoded into the contact's inbox; actions (edit, revoke, reaction) on their targets;
 * receipts on what the phone sent; presence and chat states; contact-side media to Baileys.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash, randomBytes } from 'node:crypto';
import { downloadMediaMessage } from 'baileys';
import { control, startSim } from './support/sim.js';
import { linkWithMedia, mediaDownloadOptions, waitForItem } from './support/media.js';

interface Item {
  id: string;
  type: string;
  text?: string;
  media?: { mimetype?: string; sha256?: string; size?: number; file_name?: string; error?: string };
  [k: string]: unknown;
}

const hex = (b: Uint8Array): string => createHash('sha256').update(b).digest('hex');

test('media: a Baileys client uploads to the sim media host and the contact decrypts every media kind', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkWithMedia(sim, '15550007001');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550007002' });
  const to = '15550007002@s.whatsapp.net';

  const png = randomBytes(3000);
  const cases = [
    {
      content: { image: png, mimetype: 'image/png', caption: 'a picture' },
      type: 'image',
      data: png,
      mimetype: 'image/png',
      text: 'a picture',
    },
    {
      content: { video: randomBytes(5000), mimetype: 'video/mp4', caption: 'a clip' },
      type: 'video',
      mimetype: 'video/mp4',
      text: 'a clip',
    },
    {
      content: { audio: randomBytes(2000), mimetype: 'audio/mpeg', seconds: 3 },
      type: 'audio',
      mimetype: 'audio/mpeg',
    },
    {
      content: {
        audio: randomBytes(1500),
        mimetype: 'audio/ogg; codecs=opus',
        ptt: true,
        seconds: 2,
        waveform: new Uint8Array(64),
      },
      type: 'ptt',
      mimetype: 'audio/ogg; codecs=opus',
    },
    {
      content: { document: randomBytes(4096), mimetype: 'application/pdf', fileName: 'report.pdf' },
      type: 'document',
      mimetype: 'application/pdf',
      file_name: 'report.pdf',
    },
    { content: { sticker: randomBytes(800), mimetype: 'image/webp' }, type: 'sticker', mimetype: 'image/webp' },
  ];
  for (const c of cases) {
    const data = Object.values(c.content).find((v): v is Buffer => Buffer.isBuffer(v))!;
    const sent = await client.sock.sendMessage(to, c.content as never);
    const id = sent!.key.id!;
    const item = await waitForItem<Item>(
      sim,
      '/sim/accounts/15550007002/inbox',
      (m) => m.id === id,
      `${c.type} in the inbox`,
    );
    assert.equal(item.type, c.type);
    assert.equal(item.media?.error, undefined, `${c.type}: ${item.media?.error}`);
    assert.equal(item.media?.sha256, hex(data), `${c.type}: sha256 of the decrypted bytes`);
    assert.equal(item.media?.size, data.length);
    assert.equal(item.media?.mimetype, c.mimetype);
    if (c.text) assert.equal(item.text, c.text);
    if (c.file_name) assert.equal(item.media?.file_name, c.file_name);
  }
  assert.deepEqual(sim.unhandled(), []);
});

test('kinds: location, contacts, polls, view-once, reply, mentions, forward, then edit/revoke/react land on their targets', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkWithMedia(sim, '15550007011');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550007012' });
  const to = '15550007012@s.whatsapp.net';
  const inbox = '/sim/accounts/15550007012/inbox';
  const send = async (content: object, options: object = {}): Promise<Item> => {
    const sent = await client.sock.sendMessage(to, content as never, options);
    return waitForItem<Item>(sim, inbox, (m) => m.id === sent!.key.id, JSON.stringify(content).slice(0, 60));
  };

  const loc = await send({
    location: { degreesLatitude: 52.52, degreesLongitude: 13.405, name: 'Berlin', address: 'Mitte' },
  });
  assert.equal(loc.type, 'location');
  assert.deepEqual(loc.location, { latitude: 52.52, longitude: 13.405, name: 'Berlin', address: 'Mitte' });

  const vcard = (n: string, p: string): string =>
    `BEGIN:VCARD\nVERSION:3.0\nFN:${n}\nTEL;type=CELL;waid=${p}:+${p}\nEND:VCARD`;
  const one = await send({
    contacts: { displayName: 'Ann', contacts: [{ displayName: 'Ann', vcard: vcard('Ann', '15551110001') }] },
  });
  assert.equal(one.type, 'contact');
  assert.deepEqual(one.contacts, [{ name: 'Ann', vcard: vcard('Ann', '15551110001'), phone: '15551110001' }]);
  const many = await send({
    contacts: {
      displayName: '2 contacts',
      contacts: [
        { displayName: 'Ann', vcard: vcard('Ann', '15551110001') },
        { displayName: 'Bob', vcard: vcard('Bob', '15551110002') },
      ],
    },
  });
  assert.deepEqual(
    (many.contacts as { phone: string }[]).map((c) => c.phone),
    ['15551110001', '15551110002'],
  );

  const multi = await send({ poll: { name: 'Lunch?', values: ['pizza', 'sushi', 'salad'], selectableCount: 0 } });
  assert.equal(multi.type, 'poll');
  assert.deepEqual(multi.poll, { question: 'Lunch?', options: ['pizza', 'sushi', 'salad'], multi_select: true });
  const single = await send({ poll: { name: 'Yes?', values: ['yes', 'no'], selectableCount: 1 } });
  assert.deepEqual(single.poll, { question: 'Yes?', options: ['yes', 'no'], multi_select: false });

  const once = await send({ image: randomBytes(500), mimetype: 'image/jpeg', viewOnce: true });
  assert.equal(once.type, 'image');
  assert.equal(once.view_once, true);
  assert.equal(once.media?.error, undefined);

  // A reply quoting a message the contact sent, with a mention.
  const fromContact = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15550007012/messages', {
    to: '15550007011',
    text: 'quote me',
  });
  const original = await client.waitForMessage((m) => m.key.id === fromContact.body.id);
  const reply = await send({ text: 'replying @15550007012', mentions: [to] }, { quoted: original });
  // Baileys puts the quote in extendedTextMessage.contextInfo: stanzaId and participant.
  assert.equal(reply.type, 'text');
  assert.equal((reply.quoted as { id: string }).id, fromContact.body.id);
  assert.deepEqual(reply.mentions, [to]);

  const text = await send({ text: 'to be forwarded' });
  const sentMsg = client.messages.find((m) => m.key.id === text.id)!;
  // Forwarding someone else's message marks it (Baileys does not mark a forward of one's own).
  const fwd = await send({ forward: original });
  assert.equal(fwd.forwarded, true);
  assert.equal(fwd.text, 'quote me');

  // Actions on the message `text`: edit twice, react, change and remove the reaction, revoke another.
  await client.sock.sendMessage(to, { text: 'edited once', edit: sentMsg.key });
  await client.sock.sendMessage(to, { text: 'edited twice', edit: sentMsg.key });
  await client.sock.sendMessage(to, { react: { text: '👍', key: sentMsg.key } });
  let target = await waitForItem<Item>(
    sim,
    inbox,
    (m) => m.id === text.id && !!(m.reactions as unknown[] | undefined)?.length,
    'reaction',
  );
  assert.equal(target.edited_text, 'edited twice');
  assert.deepEqual(
    (target.edits as { text: string }[]).map((e) => e.text),
    ['edited once', 'edited twice'],
  );
  assert.deepEqual(target.reactions, [{ from: '15550007011', emoji: '👍' }]);
  await client.sock.sendMessage(to, { react: { text: '', key: sentMsg.key } });
  target = await waitForItem<Item>(
    sim,
    inbox,
    (m) => m.id === text.id && (m.reactions as unknown[]).length === 0,
    'reaction removed',
  );
  assert.deepEqual(target.reactions, []);

  await client.sock.sendMessage(to, { delete: client.messages.find((m) => m.key.id === loc.id)!.key });
  const revoked = await waitForItem<Item>(sim, inbox, (m) => m.id === loc.id && m.revoked === true, 'revoke');
  assert.equal(revoked.type, 'location');

  // A reaction to the contact's own message lands on what it sent.
  await client.sock.sendMessage(to, { react: { text: '❤️', key: original.key } });
  const mine = await waitForItem<Item>(
    sim,
    '/sim/accounts/15550007012/sent',
    (m) => m.id === fromContact.body.id && !!m.reactions,
    'reaction on sent',
  );
  assert.deepEqual(mine.reactions, [{ from: '15550007011', emoji: '❤️' }]);

  assert.deepEqual(sim.unhandled(), []);
});

test('contact side: read/played receipts on what it sent, presence and chat states, media and actions sent to Baileys', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkWithMedia(sim, '15550007021');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550007022' });
  const contact = '15550007022@s.whatsapp.net';
  const path = (what: string): string => `/sim/accounts/15550007022/${what}`;

  // Receipts: Baileys reads one message and marks another played.
  const a = await control<{ id: string }>(sim, 'POST', path('messages'), { to: '15550007021', text: 'read me' });
  const b = await control<{ id: string }>(sim, 'POST', path('messages'), { to: '15550007021', text: 'play me' });
  const got = await client.waitForMessage((m) => m.key.id === a.body.id);
  await client.waitForMessage((m) => m.key.id === b.body.id);
  await client.sock.readMessages([got.key]);
  await client.sock.sendReceipt(contact, undefined, [b.body.id], 'played');
  const read = await waitForItem<Item>(
    sim,
    path('sent'),
    (m) => m.id === a.body.id && m.status === 'read',
    'read status',
  );
  assert.equal((read.read_by as string[]).length, 1);
  const played = await waitForItem<Item>(
    sim,
    path('sent'),
    (m) => m.id === b.body.id && m.status === 'played',
    'played status',
  );
  assert.equal((played.played_by as string[]).length, 1);

  // Chat states to the contact, then presence (the contact has chatted with this account).
  for (const state of ['composing', 'recording', 'paused'] as const)
    await client.sock.sendPresenceUpdate(state, contact);
  await client.sock.sendPresenceUpdate('available');
  await client.sock.sendPresenceUpdate('unavailable');
  const want = ['composing', 'recording', 'paused', 'available', 'unavailable'];
  await waitForItem<Item>(sim, path('presence'), (p) => p.type === 'unavailable', 'presence');
  const seen = (await control<{ from: string; type: string; at: string }[]>(sim, 'GET', path('presence'))).body;
  assert.deepEqual(
    seen.map((p) => p.type),
    want,
  );
  assert.ok(seen.every((p) => p.from === '15550007021' && !Number.isNaN(Date.parse(p.at))));

  // The contact sends an image: Baileys downloads it from the media host (fetch + the CA) and decrypts.
  const picture = randomBytes(2500);
  const img = await control<{ id: string }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    image: { base64: picture.toString('base64'), mimetype: 'image/png', caption: 'look' },
  });
  assert.equal(img.status, 200, JSON.stringify(img.body));
  const imgMsg = await client.waitForMessage((m) => m.key.id === img.body.id);
  assert.equal(imgMsg.message?.imageMessage?.caption, 'look');
  const bytes = await downloadMediaMessage(imgMsg, 'buffer', mediaDownloadOptions(sim));
  assert.deepEqual(Buffer.from(bytes), picture);
  const doc = await control<{ id: string }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    document: { base64: picture.toString('base64'), mimetype: 'application/pdf', file_name: 'x.pdf' },
  });
  const docMsg = await client.waitForMessage((m) => m.key.id === doc.body.id);
  assert.equal(docMsg.message?.documentMessage?.fileName, 'x.pdf');

  // Location, contact cards and polls from the contact.
  const send = async (body: object) => {
    const r = await control<{ id: string }>(sim, 'POST', path('messages'), { to: '15550007021', ...body });
    assert.equal(r.status, 200, JSON.stringify(r.body));
    return (await client.waitForMessage((m) => m.key.id === r.body.id)).message!;
  };
  const loc = await send({ location: { latitude: -33.86, longitude: 151.21, name: 'Opera', address: 'Sydney' } });
  assert.deepEqual(
    [loc.locationMessage?.degreesLatitude, loc.locationMessage?.degreesLongitude, loc.locationMessage?.name],
    [-33.86, 151.21, 'Opera'],
  );
  const card = await send({ contacts: [{ name: 'Zoe', phone: '+15551234567' }] });
  assert.match(card.contactMessage?.vcard ?? '', /waid=15551234567/);
  const cards = await send({
    contacts: [
      { name: 'Zoe', phone: '15551234567' },
      { name: 'Yan', phone: '15557654321' },
    ],
  });
  assert.equal(cards.contactsArrayMessage?.contacts?.length, 2);
  const multi = await send({ poll: { question: 'When?', options: ['now', 'later'] } });
  assert.deepEqual(
    multi.pollCreationMessage?.options?.map((o) => o.optionName),
    ['now', 'later'],
  );
  const single = await send({ poll: { question: 'Sure?', options: ['yes', 'no'], multi_select: false } });
  assert.equal(single.pollCreationMessageV3?.selectableOptionsCount, 1);

  // Actions from the contact: edit and revoke its own messages, react to one Baileys sent.
  const edit = await control<{ id: string }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    edit: { id: a.body.id, text: 'read me, edited' },
  });
  assert.equal(edit.status, 200, JSON.stringify(edit.body));
  await waitUntil(
    () =>
      client.messageUpdates.some((u) => u.key.id === a.body.id && JSON.stringify(u.update).includes('read me, edited')),
    'edit at Baileys',
  );
  await control(sim, 'POST', path('messages'), { to: '15550007021', revoke: { id: b.body.id } });
  await waitUntil(
    () => client.messageUpdates.some((u) => u.key.id === b.body.id && u.update.message === null),
    'revoke at Baileys',
  );
  const reactions: { key: { id?: string | null }; reaction: { text?: string | null } }[] = [];
  client.sock.ev.on('messages.reaction', (r) => reactions.push(...r));
  const mine = await client.sock.sendMessage(contact, { text: 'react to me' });
  await waitForItem<Item>(sim, path('inbox'), (m) => m.id === mine!.key.id, 'text at the contact');
  const react = await control<{ id: string }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    reaction: { id: mine!.key.id!, emoji: '🎉' },
  });
  assert.equal(react.status, 200, JSON.stringify(react.body));
  await waitUntil(
    () => reactions.some((r) => r.key.id === mine!.key.id && r.reaction.text === '🎉'),
    'reaction at Baileys',
  );
  // The contact's own copies show its actions.
  const sent = (await control<Item[]>(sim, 'GET', path('sent'))).body;
  assert.equal(sent.find((m) => m.id === a.body.id)?.edited_text, 'read me, edited');
  assert.equal(sent.find((m) => m.id === b.body.id)?.revoked, true);
  const inboxNow = (await control<Item[]>(sim, 'GET', path('inbox'))).body;
  assert.deepEqual(inboxNow.find((m) => m.id === mine!.key.id)?.reactions, [{ from: '15550007022', emoji: '🎉' }]);

  const unknown = await control<{ error: { code: string } }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    revoke: { id: 'NOPE' },
  });
  assert.equal(unknown.status, 404);
  assert.equal(unknown.body.error.code, 'MESSAGE_NOT_FOUND');
  const bad = await control<{ error: { code: string } }>(sim, 'POST', path('messages'), {
    to: '15550007021',
    image: {},
  });
  assert.equal(bad.status, 400);
  assert.deepEqual(sim.unhandled(), []);
});

test('contact side presence: chat states reach Baileys; available/unavailable reach a subscriber', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkWithMedia(sim, '15550007031');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550007032' });
  const contact = '15550007032@s.whatsapp.net';
  const seen: string[] = [];
  client.sock.ev.on('presence.update', ({ id, presences }) => {
    if (id === contact) seen.push(...Object.values(presences).map((p) => p.lastKnownPresence));
  });
  const set = (body: object): Promise<{ status: number }> =>
    control(sim, 'POST', '/sim/accounts/15550007032/presence', body);
  assert.equal((await set({ type: 'composing', to: '15550007031' })).status, 200);
  assert.equal((await set({ type: 'recording', to: '15550007031' })).status, 200);
  // Baileys reports `paused` as available (handlePresenceUpdate).
  assert.equal((await set({ type: 'paused', to: '15550007031' })).status, 200);
  await waitUntil(() => seen.length >= 3, 'chat states at Baileys');
  assert.deepEqual(seen, ['composing', 'recording', 'available']);

  await client.sock.presenceSubscribe(contact);
  await new Promise((r) => setTimeout(r, 100));
  assert.equal((await set({ type: 'unavailable' })).status, 200);
  await waitUntil(() => seen.at(-1) === 'unavailable', 'unavailable at the subscriber');
  assert.equal((await set({ type: 'typing', to: '15550007031' })).status, 400);
  assert.equal((await set({ type: 'composing' })).status, 400);
  assert.deepEqual(sim.unhandled(), []);
});

async function waitUntil(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

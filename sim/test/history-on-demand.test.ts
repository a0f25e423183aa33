import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proto, type WAMessage } from 'baileys';
import { control, linkByQr, startSim, until } from './support/sim.js';

// On-demand history against unmodified Baileys: messages the phone exchanged before the companion
// was linked come back through `fetchMessageHistory` as an ON_DEMAND `messaging-history.set`,
// naming the request, older than the anchor and at most `count` at a time.

interface HistorySet {
  messages: WAMessage[];
  syncType?: proto.HistorySync.HistorySyncType | null;
  peerDataRequestSessionId?: string | null;
}

test('on-demand history: the phone answers a companion with older messages of the chat', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const me = '15555550301';
  const peer = '15555550302';
  await control(sim, 'POST', '/sim/accounts', { phone: me });
  await control(sim, 'POST', '/sim/accounts', { phone: peer, pushName: 'Peer' });
  const ids: string[] = [];
  for (const [from, to, text] of [
    [peer, me, 'one'],
    [me, peer, 'two'],
    [peer, me, 'three'],
    [me, peer, 'four'],
    [peer, me, 'five'],
  ] as const) {
    const sent = await control<{ id: string }>(sim, 'POST', `/sim/accounts/${from}/messages`, { to, text });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    ids.push(sent.body.id);
  }
  // Another chat, other kinds: rebuilt from what the phone kept of them.
  const other = '15555550303';
  await control(sim, 'POST', '/sim/accounts', { phone: other });
  for (const body of [
    { location: { latitude: 52.5, longitude: 13.4, name: 'Berlin' } },
    { poll: { question: 'Lunch?', options: ['Yes', 'No'], multi_select: false } },
    { contacts: [{ name: 'Ann', phone: '15550009999' }] },
  ]) {
    const sent = await control(sim, 'POST', `/sim/accounts/${other}/messages`, { to: me, ...body });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
  }
  // A group the phone made: the peer's post and the phone's own.
  const group = await control<{ id: string }>(sim, 'POST', `/sim/accounts/${me}/groups`, {
    subject: 'History group',
    participants: [peer],
  });
  assert.equal(group.status, 200, JSON.stringify(group.body));
  const gid = group.body.id;
  const groupIds: string[] = [];
  for (const [from, text] of [
    [peer, 'g1 from peer'],
    [me, 'g2 from me'],
  ] as const) {
    const sent = await control<{ id: string }>(sim, 'POST', `/sim/accounts/${from}/messages`, { to: gid, text });
    assert.equal(sent.status, 200, JSON.stringify(sent.body));
    groupIds.push(sent.body.id);
  }
  await until('the phone to hold the seven received', async () => {
    const inbox = await control<unknown[]>(sim, 'GET', `/sim/accounts/${me}/inbox`);
    return inbox.body.length === 7;
  });

  const x = await linkByQr(sim, me);
  t.after(() => x.end());
  const sets: HistorySet[] = [];
  x.sock.ev.on('messaging-history.set', (set) => void sets.push(set as HistorySet));
  const chat = `${peer}@s.whatsapp.net`;
  const answerTo = async (requestId: string): Promise<HistorySet> => {
    await until('the ON_DEMAND history set', () => sets.some((s) => s.peerDataRequestSessionId === requestId));
    const set = sets.find((s) => s.peerDataRequestSessionId === requestId)!;
    assert.equal(set.syncType, proto.HistorySync.HistorySyncType.ON_DEMAND);
    return set;
  };

  const first = await x.sock.fetchMessageHistory(3, { remoteJid: chat, fromMe: false, id: '' }, Date.now() + 1000);
  const newest = (await answerTo(first)).messages;
  assert.equal(newest.length, 3, 'no more than asked');
  for (const m of newest) assert.equal(m.key.remoteJid, chat);
  const texts = new Map(newest.map((m) => [m.key.id, m.message?.conversation]));
  assert.equal(texts.size, 3);
  const fromPeer = newest.find((m) => !m.key.fromMe);
  assert.equal(fromPeer?.pushName, 'Peer');

  // Anchored at the oldest it got: the rest, nothing twice.
  const oldest = newest.at(-1)!;
  const second = await x.sock.fetchMessageHistory(10, oldest.key, Number(oldest.messageTimestamp) * 1000);
  const older = (await answerTo(second)).messages;
  assert.equal(older.length, 2);
  const all = [...newest, ...older].map((m) => m.key.id);
  assert.deepEqual([...all].sort(), [...ids].sort(), 'every message once');
  const byId = new Map([...newest, ...older].map((m) => [m.key.id, m]));
  assert.deepEqual(
    ids.map((id) => byId.get(id)?.message?.conversation),
    ['one', 'two', 'three', 'four', 'five'],
  );
  assert.deepEqual(
    ids.map((id) => byId.get(id)?.key.fromMe),
    [false, true, false, true, false],
  );

  const kinds = await x.sock.fetchMessageHistory(
    10,
    { remoteJid: `${other}@s.whatsapp.net`, fromMe: false, id: '' },
    Date.now() + 1000,
  );
  const [contactCard, poll, location] = (await answerTo(kinds)).messages.map((m) => m.message);
  assert.equal(location?.locationMessage?.degreesLatitude, 52.5);
  assert.equal(location?.locationMessage?.name, 'Berlin');
  assert.deepEqual(
    [poll?.pollCreationMessageV3?.name, poll?.pollCreationMessageV3?.options?.map((o) => o.optionName)],
    ['Lunch?', ['Yes', 'No']],
  );
  assert.equal(poll?.pollCreationMessageV3?.selectableOptionsCount, 1);
  assert.equal(contactCard?.contactMessage?.displayName, 'Ann');
  assert.match(contactCard?.contactMessage?.vcard ?? '', /waid=15550009999/);

  const inGroup = await x.sock.fetchMessageHistory(10, { remoteJid: gid, fromMe: false, id: '' }, Date.now() + 1000);
  const posts = (await answerTo(inGroup)).messages;
  assert.deepEqual(
    posts.map((m) => [m.key.id, m.key.remoteJid, m.key.fromMe, m.message?.conversation]),
    [
      [groupIds[1], gid, true, 'g2 from me'],
      [groupIds[0], gid, false, 'g1 from peer'],
    ],
  );
  const peerLid = (await control<{ lid: string }>(sim, 'POST', '/sim/accounts', { phone: peer })).body.lid;
  assert.equal(posts[1]?.key.participant, `${peerLid}@lid`, 'the author of a group post');

  // A chat the phone never talked in: an empty answer, still naming the request.
  const none = await x.sock.fetchMessageHistory(
    5,
    { remoteJid: '15555550399@s.whatsapp.net', fromMe: false, id: '' },
    Date.now(),
  );
  assert.deepEqual((await answerTo(none)).messages, []);

  const sent = await control<{ id: string }[]>(sim, 'GET', `/sim/accounts/${me}/sent`);
  assert.ok(!sent.body.some((s) => s.id === first), 'the request is not something the account sent');
  assert.deepEqual(sim.unhandled(), []);
});

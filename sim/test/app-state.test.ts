import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proto, type Chat, type ChatUpdate, type WAMessageUpdate } from 'baileys';
import { node as mk, type BinaryNode } from '../src/binary/index.js';
import { syncAppState } from '../src/server/app-state.js';
import { Simulator } from '../src/server/simulator.js';
import type { TestClient } from './support/client.js';
import { control, linkByQr, quiet, startSim, until } from './support/sim.js';

// App state against unmodified Baileys (design §8.4): the phone shares an app-state key at link, so
// chatModify works; patches are stored and versioned by the server and reach the account's other
// companions (server_sync), and a companion linked later syncs them from version 0.

function recordChats(c: TestClient): { chats: Partial<Chat>[]; updates: WAMessageUpdate[] } {
  const seen = { chats: [] as Partial<Chat>[], updates: [] as WAMessageUpdate[] };
  c.sock.ev.on('chats.update', (u: ChatUpdate[]) => void seen.chats.push(...u));
  c.sock.ev.on('chats.upsert', (u: Chat[]) => void seen.chats.push(...u));
  c.sock.ev.on('messages.update', (u) => void seen.updates.push(...u));
  return seen;
}

test('app state: archive, mute and star from one companion reach the others, versioned', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const x1 = await linkByQr(sim, '15555550001');
  t.after(() => x1.end());
  const x2 = await linkByQr(sim, '15555550001');
  t.after(() => x2.end());
  assert.ok(x1.sock.authState.creds.myAppStateKeyId, 'the phone shared an app-state key at link');
  assert.equal(
    x2.sock.authState.creds.myAppStateKeyId,
    x1.sock.authState.creds.myAppStateKeyId,
    'the same key for every companion',
  );
  const seen2 = recordChats(x2);
  await control(sim, 'POST', '/sim/accounts', { phone: '15555550002' });
  const y = '15555550002@s.whatsapp.net';
  const sent = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15555550002/messages', {
    to: '15555550001',
    text: 'hi',
  });
  const msg = await x1.waitForMessage((m) => m.key.id === sent.body.id);

  await x1.sock.chatModify({ archive: true, lastMessages: [msg] }, y);
  await until('x2 to see the chat archived', () => seen2.chats.some((c) => c.id === y && c.archived === true));
  await x1.sock.chatModify({ mute: Date.now() + 3_600_000, lastMessages: [msg] }, y);
  await until('x2 to see the chat muted', () =>
    seen2.chats.some((c) => c.id === y && typeof c.muteEndTime === 'number' && c.muteEndTime > 0),
  );
  await x1.sock.star(y, [{ id: msg.key.id!, fromMe: false }], true);
  await until('x2 to see the message starred', () =>
    seen2.updates.some((u) => u.key.id === msg.key.id && u.update.starred === true),
  );
  const stats = await control<{ unhandled: number }>(sim, 'GET', '/sim/stats');
  assert.equal(stats.body.unhandled, 0);

  // A companion linked later syncs every patch from version 0 (during its initial sync).
  const x3 = await linkByQr(sim, '15555550001');
  t.after(() => x3.end());
  const versionOf = (c: TestClient, name: string): number | undefined =>
    (c.auth.store.get(`app-state-sync-version:${name}`) as { version: number } | undefined)?.version;
  const x1Versions = ['regular_low', 'regular_high', 'regular'].map((n) => versionOf(x1, n));
  assert.ok(
    x1Versions.some((v) => (v ?? 0) > 0),
    `x1 pushed patches: ${JSON.stringify(x1Versions)}`,
  );
  await until(
    'x3 to reach the same versions',
    () => ['regular_low', 'regular_high', 'regular'].every((n, i) => versionOf(x3, n) === x1Versions[i]),
    15_000,
  );
  const seen3 = recordChats(x3);
  await x3.sock.chatModify({ archive: false, lastMessages: [msg] }, y);
  await until('x2 to see the chat unarchived by x3', () => seen2.chats.some((c) => c.id === y && c.archived === false));
  assert.deepEqual(
    seen3.chats.filter((c) => c.id === y && c.archived === true),
    [],
    'x3 does not see its own change come back',
  );
  assert.deepEqual(sim.unhandled(), []);
});

test('app state server: patches numbered in order, a sync returns those after its version, a stale push is a 409', (t) => {
  const sim = new Simulator({ logger: quiet });
  t.after(() => sim.close());
  const a = sim.accounts.create('15555550011');
  const patch = (n: number): BinaryNode =>
    mk('patch', {}, proto.SyncdPatch.encode({ keyId: { id: Uint8Array.of(n) } }).finish());
  const push = (version: number, n: number) =>
    syncAppState(
      sim,
      { pn: a.pn, device: 1 },
      mk('iq', {}, [mk('sync', {}, [mk('collection', { name: 'regular', version: String(version) }, [patch(n)])])]),
    );
  const collection = (answer: ReturnType<typeof push>): BinaryNode =>
    (answer as BinaryNode[])[0]!.content![0] as BinaryNode;
  assert.equal(collection(push(0, 1)).attrs.version, '1');
  assert.equal(collection(push(1, 2)).attrs.version, '2');
  const stale = collection(push(1, 3));
  assert.equal(stale.attrs.type, 'error');
  assert.equal((stale.content as BinaryNode[])[0]!.attrs.code, '409');
  const synced = collection(
    syncAppState(
      sim,
      { pn: a.pn, device: 2 },
      mk('iq', {}, [mk('sync', {}, [mk('collection', { name: 'regular', version: '1' })])]),
    ),
  );
  const patches = ((synced.content as BinaryNode[])[0]!.content as BinaryNode[]).map((p) =>
    proto.SyncdPatch.decode(p.content as Uint8Array),
  );
  assert.deepEqual(
    patches.map((p) => [Number(p.version?.version), p.keyId?.id?.[0]]),
    [[2, 2]],
    'only what came after version 1, numbered',
  );
});

test('app state: the phone reads what its companion changed, and its own changes reach the companion', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const x = await linkByQr(sim, '15555550021');
  t.after(() => x.end());
  const seen = recordChats(x);
  await control(sim, 'POST', '/sim/accounts', { phone: '15555550022' });
  const y = '15555550022@s.whatsapp.net';
  const sent = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15555550022/messages', {
    to: '15555550021',
    text: 'star me',
  });
  const msg = await x.waitForMessage((m) => m.key.id === sent.body.id);
  type View = {
    chats: Record<string, { archived?: boolean; muted_until?: number; pinned?: boolean }>;
    starred: { chat: string; id: string; from_me: boolean }[];
    errors: string[];
  };
  const view = async (): Promise<View> => (await control<View>(sim, 'GET', '/sim/accounts/15555550021/app-state')).body;

  await x.sock.star(y, [{ id: msg.key.id!, fromMe: false }], true);
  await x.sock.chatModify({ mute: Date.now() + 3_600_000, lastMessages: [msg] }, y);
  const v1 = await view();
  assert.deepEqual(
    v1.starred,
    [{ chat: y, id: msg.key.id, from_me: false }],
    'a starred message is starred on the phone',
  );
  assert.ok((v1.chats[y]?.muted_until ?? 0) > Date.now());
  assert.deepEqual(v1.errors, [], 'every mutation decrypted, MACs checked');
  await x.sock.addOrEditContact(y, { fullName: 'Yvonne Why', firstName: 'Yvonne', saveOnPrimaryAddressbook: true });
  await x.sock.addLabel(y, { id: '7', name: 'VIP', color: 3, deleted: false });
  await x.sock.addChatLabel(y, '7');
  const withBook = (
    await control<View & { contacts: Record<string, unknown>; labels: Record<string, unknown> }>(
      sim,
      'GET',
      '/sim/accounts/15555550021/app-state',
    )
  ).body;
  assert.deepEqual(
    withBook.contacts[y],
    { full_name: 'Yvonne Why', first_name: 'Yvonne' },
    'the contact is saved on the phone',
  );
  assert.deepEqual(withBook.labels['7'], { name: 'VIP', color: 3, deleted: false, chats: [y] });

  const archived = await control<{ collection: string; version: number }>(
    sim,
    'POST',
    '/sim/accounts/15555550021/app-state',
    { action: 'archive', chat: '15555550022' },
  );
  assert.equal(archived.status, 200);
  await until('the companion to see the chat archived on the phone', () =>
    seen.chats.some((c) => c.id === y && c.archived === true),
  );
  await control(sim, 'POST', '/sim/accounts/15555550021/app-state', {
    action: 'unstar',
    chat: y,
    id: msg.key.id,
    from_me: false,
  });
  await until('the companion to see the message unstarred', () =>
    seen.updates.some((u) => u.key.id === msg.key.id && u.update.starred === false),
  );
  const v2 = await view();
  assert.equal(v2.chats[y]?.archived, true);
  assert.deepEqual(v2.starred, []);
  assert.equal(
    (await control(sim, 'POST', '/sim/accounts/15555550021/app-state', { action: 'mute', chat: y })).status,
    400,
    'mute needs until',
  );
  assert.equal(
    (await control(sim, 'POST', '/sim/accounts/15555550021/app-state', { action: 'explode', chat: y })).status,
    400,
  );
  assert.deepEqual(sim.unhandled(), []);
});

/**
 * The phone against real, unmodified Baileys through the simulator: the history bootstrap that
 * lets a new companion go online at once, and a simulated contact (a sim phone driven through the
 * control API) exchanging texts and receipts with a Baileys client.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './support/client.js';
import { control, linkByQr, startSim, tempDir } from './support/sim.js';

interface InboxEntry {
  id: string;
  from: string;
  type: string;
  text?: string;
  enc: string;
  push_name?: string;
}

test('a freshly linked companion gets the push name and leaves the history wait at once', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550001001');
  t.after(() => client.end());
  const started = Date.now();
  // Baileys bumps accountSyncCounter when it leaves AwaitingInitialSync: after the bootstrap and an
  // (empty) app-state sync, or after its 20 s timeout. Anything under 5 s means the bootstrap worked.
  while (!client.auth.creds.accountSyncCounter && Date.now() - started < 5_000)
    await new Promise((r) => setTimeout(r, 50));
  t.diagnostic(`accountSyncCounter=1 ${Date.now() - started} ms after open`);
  assert.equal(client.auth.creds.accountSyncCounter, 1);
  assert.equal(client.auth.creds.me?.name, 'Sim 1001', 'me.name comes from the notify of the history notification');
  assert.deepEqual(sim.unhandled(), []);
});

test('a simulated contact and a Baileys client exchange texts and receipts through the control API', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550001002');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550001003' });

  const sent = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15550001003/messages', {
    to: '15550001002',
    text: 'hello from a contact',
  });
  assert.equal(sent.status, 200);
  const got = await client.waitForMessage((m) => m.key.id === sent.body.id);
  assert.equal(got.message?.conversation, 'hello from a contact');
  assert.equal(got.key.fromMe, false);
  assert.equal(got.pushName, 'Sim 1003');

  const reply = await client.sock.sendMessage('15550001003@s.whatsapp.net', { text: 'hello contact' });
  const replyId = reply!.key.id!;
  let inbox: InboxEntry[] = [];
  const until = Date.now() + 10_000;
  while (!inbox.some((m) => m.id === replyId)) {
    assert.ok(Date.now() < until, 'the reply reaches the contact inbox within 10 s');
    inbox = (await control<InboxEntry[]>(sim, 'GET', '/sim/accounts/15550001003/inbox')).body;
    await new Promise((r) => setTimeout(r, 50));
  }
  const entry = inbox.find((m) => m.id === replyId);
  assert.equal(entry?.text, 'hello contact');
  assert.equal(entry?.type, 'text');
  assert.equal(entry?.from, '15550001002');
  assert.ok(entry?.enc === 'pkmsg' || entry?.enc === 'msg');

  // The contact's phone answered with a delivery receipt at once. Baileys often merges that status
  // into the still-buffered upsert of its own message instead of emitting messages.update.
  await waitUntil(
    () =>
      (client.messages.find((m) => m.key.id === replyId)?.status ?? 0) >= 3 ||
      client.messageUpdates.some((u) => u.key.id === replyId && (u.update.status ?? 0) >= 3),
    'delivered status',
  );
  const read = await control(sim, 'POST', '/sim/accounts/15550001003/receipts', { id: replyId, type: 'read' });
  assert.equal(read.status, 200);
  await client.waitForStatus(replyId, 4);
  assert.deepEqual(sim.unhandled(), []);
});

async function waitUntil(pred: () => boolean, what: string, timeoutMs = 10_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!pred()) {
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

test('after a simulator restart with a data dir, the contact phone keeps its keys and sessions', async (t) => {
  const dir = tempDir();
  let sim: Awaited<ReturnType<typeof startSim>> | undefined = await startSim({ dataDir: dir.path });
  const clients: { end(): void }[] = [];
  // One hook, in order: clients, then the simulator (its close writes the state), then the dir.
  t.after(async () => {
    for (const c of clients) c.end();
    await sim?.close();
    dir.remove();
  });
  const client = await linkByQr(sim, '15550001004');
  clients.push(client);
  await control(sim, 'POST', '/sim/accounts', { phone: '15550001005' });
  const first = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15550001005/messages', {
    to: '15550001004',
    text: 'before restart',
  });
  await client.waitForMessage((m) => m.key.id === first.body.id);
  const reply = await client.sock.sendMessage('15550001005@s.whatsapp.net', { text: 'reply before restart' });
  await pollInbox(sim, '15550001005', reply!.key.id!);
  client.end();
  const closing = sim;
  sim = undefined;
  await closing.close();

  sim = await startSim({ dataDir: dir.path });
  const again = startClient(sim.wsUrl, client.auth);
  clients.push(again);
  await again.waitForUpdate((u) => u.connection === 'open', 15_000, 'open after restart');
  const second = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15550001005/messages', {
    to: '15550001004',
    text: 'after restart',
  });
  const got = await again.waitForMessage((m) => m.key.id === second.body.id);
  assert.equal(got.message?.conversation, 'after restart');
  const answer = await again.sock.sendMessage('15550001005@s.whatsapp.net', { text: 'reply after restart' });
  const entry = await pollInbox(sim, '15550001005', answer!.key.id!);
  assert.equal(entry.text, 'reply after restart');
  assert.equal(
    (await control<InboxEntry[]>(sim, 'GET', '/sim/accounts/15550001005/inbox')).body.length,
    2,
    'the inbox survived the restart too',
  );
  assert.deepEqual(sim.unhandled(), []);
});

async function pollInbox(sim: Awaited<ReturnType<typeof startSim>>, phone: string, id: string): Promise<InboxEntry> {
  const until = Date.now() + 10_000;
  for (;;) {
    const inbox = (await control<InboxEntry[]>(sim, 'GET', `/sim/accounts/${phone}/inbox`)).body;
    const hit = inbox.find((m) => m.id === id);
    if (hit) return hit;
    assert.ok(Date.now() < until, `message ${id} reaches the inbox of ${phone} within 10 s`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { SimHandle } from '../src/index.js';
import { startTcpProxy, type TcpProxy } from '../../test/support/tcp-proxy.js';
import { startClient, type MemoryAuth, type TestClient } from './support/client.js';
import { control, linkByQr, startSim, until } from './support/sim.js';

// With unmodified Baileys: what the server wrote to a device that never answered is not delivered.
// A proxy freezes the device's connection (socket open, nothing passes: a dead link or a crashed
// process), then cuts it; the device's next connection must get the stanza again.

const unacked = (sim: SimHandle, pn: string, device = 1): number => sim.control.stats().unacked[`${pn}:${device}`] ?? 0;

/** Reconnects a linked device with its saved creds (through `url`) and waits for its offline flush. */
async function reconnect(url: string, auth: MemoryAuth): Promise<TestClient> {
  const c = startClient(url, auth);
  await c.waitForUpdate((u) => u.connection === 'open', 20_000, 'open');
  await c.waitForUpdate((u) => u.receivedPendingNotifications === true, 20_000, 'offline flush');
  return c;
}

/** Links `pn`, then moves it behind a proxy; returns the proxied client. */
async function linkBehindProxy(sim: SimHandle, pn: string): Promise<{ client: TestClient; proxy: TcpProxy }> {
  const direct = await linkByQr(sim, pn);
  await direct.end();
  await direct.waitForUpdate((u) => u.connection === 'close');
  const proxy = await startTcpProxy(sim.port);
  return { client: await reconnect(`ws://127.0.0.1:${proxy.port}/ws/chat`, direct.auth), proxy };
}

test('a message written to a connection that never answered is delivered again on the next one', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15552220001');
  t.after(() => a.end());
  const { client: b, proxy } = await linkBehindProxy(sim, '15552220002');
  t.after(() => proxy.close());

  proxy.freezeAll();
  const sent = await a.sock.sendMessage('15552220002@s.whatsapp.net', { text: 'into the void' });
  const id = sent!.key.id!;
  await until('the copy for B:1 to be written and pending', () => unacked(sim, '15552220002') === 1);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(unacked(sim, '15552220002'), 1, 'written to an open socket, but not acknowledged');
  assert.ok(!b.messages.some((m) => m.key.id === id));

  await proxy.close();
  await b.waitForUpdate((u) => u.connection === 'close', 15_000, 'close after the cut');
  const b2 = await reconnect(sim.wsUrl, b.auth);
  t.after(() => b2.end());
  const got = await b2.waitForMessage((m) => m.key.id === id);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'into the void');
  await a.waitForStatus(id, 3);
  await until('B:1 to acknowledge it', () => unacked(sim, '15552220002') === 0);
  assert.deepEqual(sim.unhandled(), []);
});

test('an acknowledged message is not delivered again after a reconnect', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15552220003');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15552220004');
  const sent = await a.sock.sendMessage('15552220004@s.whatsapp.net', { text: 'once' });
  const id = sent!.key.id!;
  await b.waitForMessage((m) => m.key.id === id);
  await until('B:1 to acknowledge it', () => unacked(sim, '15552220004') === 0);
  await b.end();
  await b.waitForUpdate((u) => u.connection === 'close');

  const b2 = await reconnect(sim.wsUrl, b.auth);
  t.after(() => b2.end());
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(b2.messages.filter((m) => m.key.id === id).length, 0, 'not handed out a second time');
  assert.deepEqual(sim.unhandled(), []);
});

test("a read receipt the sender's device never acknowledged reaches its next connection", async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const { client: a, proxy } = await linkBehindProxy(sim, '15552220005');
  t.after(() => proxy.close());
  const b = await linkByQr(sim, '15552220006');
  t.after(() => b.end());
  const sent = await a.sock.sendMessage('15552220006@s.whatsapp.net', { text: 'read me' });
  const id = sent!.key.id!;
  const got = await b.waitForMessage((m) => m.key.id === id);
  await a.waitForStatus(id, 3);
  await until('A:1 to acknowledge the delivery receipt', () => unacked(sim, '15552220005') === 0);

  proxy.freezeAll();
  await b.sock.readMessages([got.key]);
  await until('the read receipt to be pending for A:1', () => unacked(sim, '15552220005') === 1);
  await proxy.close();
  await a.waitForUpdate((u) => u.connection === 'close', 15_000, 'close after the cut');
  assert.ok(!a.messageUpdates.some((u) => u.key.id === id && (u.update.status ?? 0) >= 4), 'not read before the cut');

  const a2 = await reconnect(sim.wsUrl, a.auth);
  t.after(() => a2.end());
  await a2.waitForStatus(id, 4);
  await until('A:1 to acknowledge it', () => unacked(sim, '15552220005') === 0);
  assert.deepEqual(sim.unhandled(), []);
});

test('a phone keeps one copy of a message resent with the same id, and counts the copies', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15552220007');
  t.after(() => a.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15552220008' });
  const to = '15552220008@s.whatsapp.net';
  const first = await a.sock.sendMessage(to, { text: 'exactly once' }, { messageId: 'SIMRESEND0001' });
  await a.waitForStatus(first!.key.id!, 3);
  // A gateway that crashed before it saw the outcome sends the same message again, same id.
  await a.sock.sendMessage(to, { text: 'exactly once' }, { messageId: 'SIMRESEND0001' });
  const other = await a.sock.sendMessage(to, { text: 'another' });
  type Item = { id: string; text?: string; copies: number };
  let inbox: Item[] = [];
  await until('both copies to reach the phone', async () => {
    inbox = (await control<Item[]>(sim, 'GET', '/sim/accounts/15552220008/inbox')).body;
    return inbox.some((m) => m.id === other!.key.id) && inbox.find((m) => m.id === 'SIMRESEND0001')?.copies === 2;
  });
  assert.equal(inbox.filter((m) => m.id === 'SIMRESEND0001').length, 1, 'one copy kept');
  assert.equal(inbox.find((m) => m.id === other!.key.id)?.copies, 1);
  assert.deepEqual(sim.unhandled(), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient, type TestClient } from './support/client.js';
import { control, linkByQr, startSim } from './support/sim.js';

/** Records the enc types of relayed `<message>` stanzas, from the simulator's debug log. */
function encRecorder() {
  const encs: { id: string; type: string }[] = [];
  const logger = {
    debug: (o: { out?: string }) => {
      const m = o.out && /^<message id="([^"]+)"[^>]*><enc v="2" type="(\w+)"/.exec(o.out);
      if (m) encs.push({ id: m[1]!, type: m[2]! });
    },
    info() {},
    warn() {},
    error() {},
  };
  return { encs, logger };
}

const textOf = (c: TestClient, id: string): string | undefined => {
  const m = c.messages.find((x) => x.key.id === id)?.message;
  return m?.conversation ?? m?.extendedTextMessage?.text ?? undefined;
};

test('two linked clients exchange messages both ways (pkmsg then msg) with delivered and read statuses', async (t) => {
  const rec = encRecorder();
  const sim = await startSim({ logger: rec.logger });
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15551110001');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15551110002');
  t.after(() => b.end());
  const bJid = '15551110002@s.whatsapp.net';
  const aJid = '15551110001@s.whatsapp.net';

  const first = await a.sock.sendMessage(bJid, { text: 'hello B' });
  const got1 = await b.waitForMessage((m) => m.key.id === first!.key.id);
  assert.equal(textOf(b, first!.key.id!), 'hello B');
  assert.equal(got1.key.fromMe, false);
  await a.waitForStatus(first!.key.id!, 3); // delivered
  await b.sock.readMessages([got1.key]);
  await a.waitForStatus(first!.key.id!, 4); // read

  const reply = await b.sock.sendMessage(aJid, { text: 'hi A' });
  await a.waitForMessage((m) => m.key.id === reply!.key.id);
  assert.equal(textOf(a, reply!.key.id!), 'hi A');
  await b.waitForStatus(reply!.key.id!, 3);
  const third = await a.sock.sendMessage(bJid, { text: 'again' });
  await b.waitForMessage((m) => m.key.id === third!.key.id);

  // Only companions' deliveries are on the wire (phones are in-process): one per message here.
  const encsOf = (id: string): string[] => rec.encs.filter((e) => e.id === id).map((e) => e.type);
  assert.deepEqual(encsOf(first!.key.id!), ['pkmsg'], 'the first message opens the session (pkmsg)');
  assert.deepEqual(encsOf(reply!.key.id!), ['msg'], 'the reply uses the session B built from it (msg)');
  assert.deepEqual(encsOf(third!.key.id!), ['msg'], 'once B answered, A sends msg too');
  // The phones of both accounts got copies too (device 0 is a real Signal device).
  const phoneA = await control<{ id: string; text?: string }[]>(sim, 'GET', '/sim/accounts/15551110001/inbox');
  assert.ok(
    phoneA.body.some((m) => m.id === reply!.key.id),
    "A's phone decrypted B's reply too",
  );
  assert.deepEqual(sim.unhandled(), []);
});

test('a message sent while the receiver is offline arrives when it reconnects', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15551110003');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15551110004');
  await b.end();
  await b.waitForUpdate((u) => u.connection === 'close');

  const sent = await a.sock.sendMessage('15551110004@s.whatsapp.net', { text: 'while you were away' });
  const b2 = startClient(sim.wsUrl, b.auth);
  t.after(() => b2.end());
  const got = await b2.waitForMessage((m) => m.key.id === sent!.key.id, 15_000);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'while you were away');
  await a.waitForStatus(sent!.key.id!, 3);
  assert.deepEqual(sim.unhandled(), []);
});

test('a simulated contact and a Baileys client exchange messages through the control API', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15551110005');
  t.after(() => client.end());
  const contact = '15551110006';
  const created = await control<{ phone: string; lid: string }>(sim, 'POST', '/sim/accounts', { phone: contact });
  assert.equal(created.status, 200);
  assert.match(created.body.lid, /^\d{15}$/);

  const sent = await control<{ id: string }>(sim, 'POST', `/sim/accounts/${contact}/messages`, {
    to: '15551110005',
    text: 'from the contact',
  });
  assert.equal(sent.status, 200, JSON.stringify(sent.body));
  const got = await client.waitForMessage((m) => m.key.id === sent.body.id);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'from the contact');

  const out = await client.sock.sendMessage(`${contact}@s.whatsapp.net`, { text: 'to the contact' });
  let inbox: { id: string; text?: string; from: string }[] = [];
  for (let i = 0; i < 50 && !inbox.some((m) => m.id === out!.key.id); i++) {
    await new Promise((r) => setTimeout(r, 100));
    inbox = (await control<typeof inbox>(sim, 'GET', `/sim/accounts/${contact}/inbox`)).body;
  }
  const entry = inbox.find((m) => m.id === out!.key.id);
  assert.equal(entry?.text, 'to the contact');
  assert.equal(entry?.from, '15551110005');
  await client.waitForStatus(out!.key.id!, 3);
  const read = await control(sim, 'POST', `/sim/accounts/${contact}/receipts`, { id: out!.key.id, type: 'read' });
  assert.equal(read.status, 200);
  await client.waitForStatus(out!.key.id!, 4);

  const stats = await control<{ relayed: { messages: number }; messages: Record<string, { sent: number }> }>(
    sim,
    'GET',
    '/sim/stats',
  );
  assert.ok(stats.body.relayed.messages >= 2);
  assert.ok((stats.body.messages[contact]?.sent ?? 0) >= 1);
  assert.deepEqual(sim.unhandled(), []);
});

test('a companion linked later receives messages at once: peers are told the device list changed', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15551110007');
  t.after(() => a.end());
  const b1 = await linkByQr(sim, '15551110008');
  t.after(() => b1.end());
  const first = await a.sock.sendMessage('15551110008@s.whatsapp.net', { text: 'one' });
  await b1.waitForMessage((m) => m.key.id === first!.key.id);
  // A now has B's device list [0, 1] cached; B links a second companion.
  const b2 = await linkByQr(sim, '15551110008');
  t.after(() => b2.end());
  assert.match(b2.sock.user!.id, /^15551110008:2@/);
  const second = await a.sock.sendMessage('15551110008@s.whatsapp.net', { text: 'two' });
  const got = await b2.waitForMessage((m) => m.key.id === second!.key.id, 10_000);
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'two');
  await b1.waitForMessage((m) => m.key.id === second!.key.id);
  assert.deepEqual(sim.unhandled(), []);
});

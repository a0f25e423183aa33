/**
 * A send to a number that is not on (simulated) WhatsApp fails at the server: an error ack, which
 * Baileys turns into status ERROR, and nothing is relayed.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { proto } from 'baileys';
import { control, linkByQr, startSim } from './support/sim.js';

test('a message to a non-user gets an error ack (479) and Baileys marks it ERROR', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550008001');
  t.after(() => client.end());
  const before = sim.stats().relayed.messages;
  const sent = await client.sock.sendMessage('19990000000@s.whatsapp.net', { text: 'anyone?' });
  const id = sent!.key.id!;
  // Baileys folds the status into its still-buffered upsert of the message, or emits an update.
  const until = Date.now() + 5_000;
  const failed = (): boolean =>
    client.messages.some((m) => m.key.id === id && m.status === proto.WebMessageInfo.Status.ERROR) ||
    client.messageUpdates.some((u) => u.key.id === id && u.update.status === proto.WebMessageInfo.Status.ERROR);
  while (!failed() && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  assert.ok(failed(), 'status ERROR within 5 s');
  const status = client.messageUpdates.find(
    (u) => u.key.id === id && u.update.status === proto.WebMessageInfo.Status.ERROR,
  ) ?? { update: { messageStubParameters: client.messages.find((m) => m.key.id === id)?.messageStubParameters } };
  assert.equal((status.update as { messageStubParameters?: string[] }).messageStubParameters?.[0], '479');
  assert.equal(sim.stats().relayed.messages, before, 'nothing relayed');
  // A real account still works afterwards.
  await control(sim, 'POST', '/sim/accounts', { phone: '15550008002' });
  const ok = await client.sock.sendMessage('15550008002@s.whatsapp.net', { text: 'hello' });
  await client.waitForStatus(ok!.key.id!, 2, 10_000).catch(() => undefined);
  assert.ok(
    !client.messageUpdates.some(
      (u) => u.key.id === ok!.key.id && u.update.status === proto.WebMessageInfo.Status.ERROR,
    ),
  );
  assert.deepEqual(sim.unhandled(), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { newAuth, startClient } from './support/client.js';
import { startSim } from './support/sim.js';

test('stage 1: a real Baileys client completes Noise with the simulator and shows QR refs', async (t) => {
  const sim = await startSim({ qrRefs: 2 });
  const client = startClient(sim.wsUrl, undefined, { qrTimeout: 400 });
  t.after(async () => {
    await client.end();
    await sim.close();
  });
  const { qr } = await client.waitForUpdate((u) => !!u.qr, 10_000, 'qr');
  const [ref, noise, identity, adv] = qr!.split('#')[1]!.split(',');
  assert.ok(ref?.startsWith('2@'));
  assert.deepEqual(Buffer.from(noise!, 'base64'), Buffer.from(client.auth.creds.noiseKey.public));
  assert.deepEqual(Buffer.from(identity!, 'base64'), Buffer.from(client.auth.creds.signedIdentityKey.public));
  assert.equal(adv, client.auth.creds.advSecretKey);
  // Two refs at 400 ms each: the second QR, then Baileys gives up with 408 (QR expiry).
  await client.waitForUpdate((u) => !!u.qr && u.qr !== qr, 5_000, 'second qr');
  await client.waitForUpdate((u) => u.connection === 'close', 5_000, 'close after refs ran out');
  assert.equal(client.closeCode(), 408);
  assert.deepEqual(sim.unhandled(), []);
});

test('frame reader: ED routing intro, WA header, frames split and joined across messages', async () => {
  const { FrameReader, frame } = await import('../src/transport/framing.js');
  const routing = Buffer.from([1, 2, 3, 4, 5]);
  const intro = Buffer.concat([
    Buffer.from('ED'),
    Buffer.from([0, 1, 0, 0, routing.length]),
    routing,
    Buffer.from([0x57, 0x41, 6, 3]),
  ]);
  const stream = Buffer.concat([
    intro,
    frame(Buffer.from('first')),
    frame(Buffer.alloc(70_000, 9)),
    frame(Buffer.from('third')),
  ]);
  const reader = new FrameReader();
  const out: Buffer[] = [];
  for (let i = 0; i < stream.length; i += 997) out.push(...reader.push(stream.subarray(i, i + 997)));
  assert.deepEqual(reader.routingInfo, routing);
  assert.deepEqual(
    out.map((f) => f.length),
    [5, 70_000, 5],
  );
  assert.equal(out[2]!.toString(), 'third');
  assert.throws(() => new FrameReader().push(Buffer.from('XX\x06\x03')), /bad stream header/);
});

test('a Baileys client with creds.routingInfo (ED intro) still handshakes', async (t) => {
  const sim = await startSim();
  const auth = newAuth();
  auth.creds.routingInfo = Buffer.from([8, 8, 8, 1]);
  const client = startClient(sim.wsUrl, auth);
  t.after(async () => {
    await client.end();
    await sim.close();
  });
  await client.waitForUpdate((u) => !!u.qr, 10_000, 'qr with ED intro');
  assert.deepEqual(sim.unhandled(), []);
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { startClient } from './support/client.js';
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

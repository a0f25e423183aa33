/**
 * Call signalling between a simulated contact and real Baileys: the contact rings, Baileys sees
 * the offer (`call` event), rejects it with `rejectCall` (which waits for the server's answer), and
 * the contact's phone records the rejection.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { WACallEvent } from 'baileys';
import { control, linkByQr, startSim } from './support/sim.js';
import { waitForItem } from './support/media.js';

interface CallItem {
  id: string;
  direction: string;
  peer: string;
  to?: string;
  video: boolean;
  status: string;
  by?: string;
}

test('a contact calls a Baileys client, which sees the offer and rejects it; the contact records the rejection', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15550009001');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15550009002' });
  const calls: WACallEvent[] = [];
  client.sock.ev.on('call', (c) => calls.push(...c));

  const rang = await control<{ id: string }>(sim, 'POST', '/sim/accounts/15550009002/calls', {
    to: '15550009001',
    video: true,
  });
  assert.equal(rang.status, 200, JSON.stringify(rang.body));
  const until = Date.now() + 10_000;
  while (!calls.some((c) => c.id === rang.body.id) && Date.now() < until) await new Promise((r) => setTimeout(r, 50));
  const offer = calls.find((c) => c.id === rang.body.id);
  assert.equal(offer?.status, 'offer');
  assert.equal(offer?.isVideo, true);
  assert.equal(offer?.from, '15550009002@s.whatsapp.net');
  assert.equal((await control<CallItem[]>(sim, 'GET', '/sim/accounts/15550009002/calls')).body[0]?.status, 'offered');

  await client.sock.rejectCall(offer!.id, offer!.from);
  const rejected = await waitForItem<CallItem>(
    sim,
    '/sim/accounts/15550009002/calls',
    (c) => c.id === rang.body.id && c.status === 'rejected',
    'rejected call',
  );
  assert.equal(rejected.to, '15550009001');
  assert.equal(rejected.direction, 'out');
  assert.match(rejected.by ?? '', /^15550009001@s\.whatsapp\.net$/);

  const nobody = await control(sim, 'POST', '/sim/accounts/15550009002/calls', { to: '19990000000' });
  assert.equal(nobody.status, 404);
  assert.deepEqual(sim.unhandled(), []);
});

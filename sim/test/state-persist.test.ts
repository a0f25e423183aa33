import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Simulator } from '../src/server/simulator.js';
import type { StateFile } from '../src/state/types.js';
import type { SimPhoneJSON } from '../src/phone/sim-phone.js';
import { quiet, tempDir } from './support/sim.js';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));

// Phone-to-phone traffic changes only phone state (ratchets, inbox, outbox); it must reach the state
// file without a clean close, or a crash restores stale ratchets.
test('phone-side sends and receives are written to the data dir without a close', async (t) => {
  const dir = tempDir();
  t.after(() => dir.remove());
  const sim = new Simulator({ logger: quiet, dataDir: dir.path });
  t.after(() => sim.close());
  sim.accounts.create('15550007001');
  sim.accounts.create('15550007002');
  await sleep(400);
  const a = sim.accounts.phone('15550007001')!;
  const b = sim.accounts.phone('15550007002')!;
  // The first message fetches a key bundle (a store change of its own); the second rides the session.
  await a.sendText('15550007002', 'open the session');
  for (let i = 0; i < 50 && b.inbox().length < 1; i++) await sleep(20);
  await sleep(400);
  const { id } = await a.sendText('15550007002', 'persist me');
  for (let i = 0; i < 50 && b.inbox().length < 2; i++) await sleep(20);
  await sleep(400);
  const state = JSON.parse(readFileSync(join(dir.path, 'state.json'), 'utf8')) as StateFile;
  const phoneOf = (pn: string): SimPhoneJSON => state.accounts.find((a) => a.pn === pn)!.phone as SimPhoneJSON;
  assert.ok(
    phoneOf('15550007001').sent.some((m) => m.id === id),
    "the sender's outbox is on disk",
  );
  assert.equal(phoneOf('15550007002').inbox.length, 2, "the receiver's inbox is on disk");
});

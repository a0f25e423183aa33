import { test } from 'node:test';
import assert from 'node:assert/strict';
import { linkByQr, startSim } from './support/sim.js';

test('a receiver that lost its session sends a retry receipt; the sender re-sends and it decrypts', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15553330001');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15553330002');
  t.after(() => b.end());
  const first = await a.sock.sendMessage('15553330002@s.whatsapp.net', { text: 'one' });
  await b.waitForMessage((m) => m.key.id === first!.key.id);
  const reply = await b.sock.sendMessage('15553330001@s.whatsapp.net', { text: 'two' });
  await a.waitForMessage((m) => m.key.id === reply!.key.id);

  // B forgets every Signal session: A's next `msg` cannot be decrypted by B's companion.
  const sessions = [...b.auth.store.keys()]
    .filter((k) => k.startsWith('session:'))
    .map((k) => k.slice('session:'.length));
  assert.ok(sessions.length > 0);
  await b.sock.authState.keys.set({ session: Object.fromEntries(sessions.map((id) => [id, null])) });

  const third = await a.sock.sendMessage('15553330002@s.whatsapp.net', { text: 'three' });
  const got = await b.waitForMessage(
    (m) => m.key.id === third!.key.id && !!(m.message?.conversation ?? m.message?.extendedTextMessage?.text),
    20_000,
  );
  assert.equal(got.message?.conversation ?? got.message?.extendedTextMessage?.text, 'three');
  assert.ok(sim.stats().relayed.receipts > 0);
  assert.deepEqual(sim.unhandled(), []);
});

// Issue 4: Baileys' auth state lives in our store, not in files; with WAGATE_MASTER_KEY it is sealed
// (AES-256-GCM) and a restarted server still resumes the session from it without a new link.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync } from 'node:fs';
import { linkSessionByQr, testPhone, useSimApp, waitForStatus } from '../support/sim.js';

describe('auth state at rest', () => {
  const ctx = useSimApp({ env: { WAGATE_MASTER_KEY: 'test-master-key-0123456789-abcdefghijklmnop' } });

  test('sealed in the database, no auth files, and a restart resumes the session', async () => {
    const { sim, t, token } = ctx;
    const me = await sim.account(testPhone(), 'Sealed');
    const sessionId = await linkSessionByQr(t, token, sim, me.phone);
    const creds = await t.container.store.engineAuth.get(sessionId, 'creds', ['creds']);
    const stored = creds.get('creds');
    assert.ok(stored, 'creds are in the store');
    assert.match(stored, /^sealed:v1:/, 'sealed with the master key');
    assert.ok(!stored.includes('noiseKey'), 'no plaintext key material');
    const preKeys = await t.container.store.engineAuth.get(sessionId, 'pre-key', ['1', '2', '3']);
    assert.ok(
      preKeys.size > 0 && [...preKeys.values()].every((v) => v.startsWith('sealed:v1:')),
      'Signal keys sealed too',
    );
    // Nothing of Baileys' state is written as files in the data dir.
    const files = readdirSync(t.config.dataDir, { recursive: true }).map(String);
    assert.ok(!files.some((f) => /creds|pre-key|session-/.test(f)), `no auth files: ${files.join(', ')}`);

    await t.restart({ waWebSocketUrl: sim.handle.wsUrl });
    await waitForStatus(t, token, sessionId, 'connected', 30_000);
  });
});

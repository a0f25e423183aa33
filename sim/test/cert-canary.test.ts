import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { proto } from 'baileys/WAProto/index.js';
import { WA_CERT_DETAILS } from 'baileys/lib/Defaults/index.js';
import { buildCertChain, newKeyPair, SIM_ROOT, verifyCertChain } from '../src/cert/chain.js';
import { verify } from '../src/crypto/curve.js';
import { startClient } from './support/client.js';
import { startSim } from './support/sim.js';

const WHATSAPP_ROOT = Buffer.from('142375574d0a587166aae71ebe516437c4a28b73e3695c6ce1f7f9545da8ee6b', 'hex');

test('the simulator signs its own chain properly: root → intermediate (issuerSerial 0) → leaf', () => {
  const server = newKeyPair();
  const chain = buildCertChain(server.public);
  assert.ok(verifyCertChain(chain, SIM_ROOT.public, server.public), 'chain verifies strictly under the sim root');
  assert.ok(!verifyCertChain(chain, WHATSAPP_ROOT, server.public), 'and not under the WhatsApp root');
  assert.ok(!verifyCertChain(chain, SIM_ROOT.public, newKeyPair().public), 'the leaf is bound to the server key');
  const { intermediate } = proto.CertChain.decode(chain);
  const details = proto.CertChain.NoiseCertificate.Details.decode(intermediate!.details!);
  assert.equal(details.issuerSerial, 0, 'issuerSerial is encoded explicitly, not left null');
  assert.equal(verify(WHATSAPP_ROOT, intermediate!.details!, intermediate!.signature!), false);
});

/**
 * CANARY. Baileys 7.0.0-rc14 verifies the intermediate against the WhatsApp root with a check that
 * accepts any 64-byte signature (wa-simulator.md §2.3), so the handshake passes without the preload.
 * If this test fails after a Baileys upgrade with a certificate error, the check has become strict:
 * run Baileys with `node --import ./sim/preload/trust-sim-root.mjs` (the next test proves it works).
 */
test('canary: Baileys accepts the sim chain WITHOUT the preload (lax certificate check)', async (t) => {
  assert.deepEqual(Buffer.from(WA_CERT_DETAILS.PUBLIC_KEY), WHATSAPP_ROOT, 'this process runs without the preload');
  const sim = await startSim();
  const client = startClient(sim.wsUrl);
  t.after(async () => {
    await client.end();
    await sim.close();
  });
  const u = await client.waitForUpdate((x) => !!x.qr || x.connection === 'close', 10_000);
  const err = u.lastDisconnect?.error?.message;
  assert.ok(
    u.qr,
    `PRELOAD NEEDED: Baileys rejected the simulator's certificate chain (${err}). ` +
      'Its certificate check is strict now; start Baileys processes with --import ./sim/preload/trust-sim-root.mjs',
  );
  t.diagnostic('Baileys certificate check is still lax: the preload is not needed with this Baileys version');
});

test('with the preload, Baileys trusts exactly the sim root and still handshakes', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  // The repository root: this file runs from sim/test/ or from the compiled suite's copy of it.
  const root = process.cwd();
  // Async: the simulator runs in this process and must keep answering while the child connects.
  const { stdout: out } = await promisify(execFile)(
    process.execPath,
    ['--import', 'tsx', '--import', './sim/preload/trust-sim-root.mjs', 'sim/test/support/preload-probe.ts'],
    {
      cwd: root,
      env: { ...process.env, SIM_WS: sim.wsUrl },
      encoding: 'utf8',
      timeout: 30_000,
    },
  );
  const probe = JSON.parse(out.trim().split('\n').pop()!) as { root: string; qr: boolean };
  assert.equal(probe.root, Buffer.from(SIM_ROOT.public).toString('hex'));
  assert.ok(probe.qr, 'handshake under the preload reached the QR');
  // Under the preload the chain is valid by a strict check too, not only by Baileys' lax one.
  const server = newKeyPair();
  assert.ok(verifyCertChain(buildCertChain(server.public), Buffer.from(probe.root, 'hex'), server.public));
});

// Test-only preload: makes Baileys trust the simulator's certificate root.
//   node --import ./sim/preload/trust-sim-root.mjs …
// Baileys checks the Noise intermediate certificate against a hard-coded WhatsApp root key
// (WA_CERT_DETAILS.PUBLIC_KEY, an exported, mutable Buffer). In baileys 7.0.0-rc14 that check is lax
// (any 64-byte signature passes, see sim/test/cert-canary.test.ts), so the preload is not needed
// today; when a Baileys release makes the check strict, this preload keeps the simulator working by
// copying the simulator's root public key into those bytes. Never load it in production.
// The root key is derived from a published seed (sim/src/cert/chain.ts ROOT_SEED); keep them equal.
import { createHash } from 'node:crypto';
import curve from 'curve25519-js';
import { WA_CERT_DETAILS } from 'baileys/lib/Defaults/index.js';

const seed = createHash('sha256')
  .update(process.env.WAGATE_SIM_ROOT_SEED ?? 'wagate-sim-root-v1')
  .digest();
const { public: simRoot } = curve.generateKeyPair(seed);
WA_CERT_DETAILS.PUBLIC_KEY.set(simRoot);

import { createHash } from 'node:crypto';
import * as curve25519 from 'curve25519-js';
import { generateKeyPair, sign, verify, type KeyPair } from '../crypto/curve.js';
import { proto } from 'baileys/WAProto/index.js';

/**
 * The simulator's own certificate chain: root → intermediate → leaf (the server's Noise static key),
 * each signed properly with XEdDSA. Baileys checks the intermediate against a hard-coded WhatsApp
 * root; see wa-simulator.md §2.3 for why that passes today and sim/preload/ for when it stops.
 */
export type { KeyPair };

/**
 * The root is derived from a fixed, published seed: it is a test-only authority, not a secret, and a
 * fixed key lets the preload trust it before any simulator has started. The preload derives the same
 * key (keep ROOT_SEED in sync with sim/preload/trust-sim-root.mjs).
 */
export const ROOT_SEED = 'wagate-sim-root-v1';

export function keyPairFromSeed(seed: Uint8Array): KeyPair {
  const kp = curve25519.generateKeyPair(seed);
  return { public: kp.public, private: kp.private };
}

export const newKeyPair = generateKeyPair;

export const SIM_ROOT: KeyPair = keyPairFromSeed(createHash('sha256').update(ROOT_SEED).digest());

/** The serial Baileys requires as the intermediate's issuer (the WhatsApp root's serial). */
export const ROOT_SERIAL = 0;

function certificate(
  issuer: KeyPair,
  details: { serial: number; issuerSerial: number; key: Uint8Array; notBefore: number; notAfter: number },
): proto.CertChain.INoiseCertificate {
  // issuerSerial is set explicitly even when 0: an absent field decodes as null, which Baileys rejects.
  const encoded = proto.CertChain.NoiseCertificate.Details.encode(details).finish();
  return { details: encoded, signature: sign(issuer.private, encoded) };
}

/** The encoded CertChain for a server static key, with a fresh intermediate valid for one year. */
export function buildCertChain(serverStaticPub: Uint8Array, root: KeyPair = SIM_ROOT): Uint8Array {
  const now = Math.floor(Date.now() / 1000);
  const year = 365 * 24 * 3600;
  const intermediate = newKeyPair();
  const interCert = certificate(root, {
    serial: 1,
    issuerSerial: ROOT_SERIAL,
    key: intermediate.public,
    notBefore: now - 60,
    notAfter: now + year,
  });
  const leafCert = certificate(intermediate, {
    serial: 2,
    issuerSerial: 1,
    key: serverStaticPub,
    notBefore: now - 60,
    notAfter: now + year,
  });
  return proto.CertChain.encode({ leaf: leafCert, intermediate: interCert }).finish();
}

/** Strict check of a chain (curve25519 directly): used by tests to prove the chain is really signed. */
export function verifyCertChain(chain: Uint8Array, rootPub: Uint8Array, serverStaticPub: Uint8Array): boolean {
  const { leaf, intermediate } = proto.CertChain.decode(chain);
  if (!leaf?.details || !leaf.signature || !intermediate?.details || !intermediate.signature) return false;
  const inter = proto.CertChain.NoiseCertificate.Details.decode(intermediate.details);
  const leafDetails = proto.CertChain.NoiseCertificate.Details.decode(leaf.details);
  return (
    inter.issuerSerial === ROOT_SERIAL &&
    !!inter.key &&
    verify(rootPub, intermediate.details, intermediate.signature) &&
    verify(inter.key, leaf.details, leaf.signature) &&
    Buffer.from(leafDetails.key ?? []).equals(Buffer.from(serverStaticPub))
  );
}

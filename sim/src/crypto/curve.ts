/**
 * Curve25519 for the simulator: X25519 key pairs and agreement, XEdDSA signatures, and a STRICT
 * verify that calls curve25519-js directly. Baileys' `Curve.verify` returns true for any 64-byte
 * signature (libsignal returns the boolean it never checks); the sim must never rely on it.
 *
 * Key format is explicit: every function here takes and returns RAW 32-byte public keys. Signal
 * puts a 0x05 type byte in front of public keys on the wire and inside what some signatures cover
 * (a signed prekey's signature covers `05 ‖ pub`, ADV signatures cover raw keys); use
 * `withTypePrefix` / `stripTypePrefix` at exactly those places.
 */
import { randomBytes, generateKeyPairSync, createPrivateKey, createPublicKey, diffieHellman } from 'node:crypto';
import * as curve25519 from 'curve25519-js';

export interface KeyPair {
  /** 32 raw bytes, no type prefix. */
  public: Uint8Array;
  /** 32 bytes. */
  private: Uint8Array;
}

/** The Signal key type byte (DJB / Curve25519). */
export const KEY_TYPE_DJB = 0x05;

const SPKI_PREFIX = Buffer.from([48, 42, 48, 5, 6, 3, 43, 101, 110, 3, 33, 0]);
const PKCS8_PREFIX = Buffer.from([48, 46, 2, 1, 0, 48, 5, 6, 3, 43, 101, 110, 4, 34, 4, 32]);

/** A fresh X25519 key pair (node's native X25519, same format libsignal produces). */
export function generateKeyPair(): KeyPair {
  const { publicKey, privateKey } = generateKeyPairSync('x25519', {
    publicKeyEncoding: { format: 'der', type: 'spki' },
    privateKeyEncoding: { format: 'der', type: 'pkcs8' },
  });
  return {
    public: new Uint8Array(publicKey.subarray(SPKI_PREFIX.length)),
    private: new Uint8Array(privateKey.subarray(PKCS8_PREFIX.length)),
  };
}

/** X25519 shared secret of our private key and their raw public key. */
export function sharedSecret(privateKey: Uint8Array, publicKey: Uint8Array): Uint8Array {
  assertLength(privateKey, 32, 'private key');
  assertLength(publicKey, 32, 'public key (raw, without 0x05)');
  const secret = diffieHellman({
    privateKey: createPrivateKey({ key: Buffer.concat([PKCS8_PREFIX, privateKey]), format: 'der', type: 'pkcs8' }),
    publicKey: createPublicKey({ key: Buffer.concat([SPKI_PREFIX, publicKey]), format: 'der', type: 'spki' }),
  });
  return new Uint8Array(secret);
}

/** XEdDSA signature (64 bytes) of `message` with an X25519 private key, randomized like libsignal's. */
export function sign(privateKey: Uint8Array, message: Uint8Array): Uint8Array {
  assertLength(privateKey, 32, 'private key');
  return curve25519.sign(privateKey, message, randomBytes(64));
}

/**
 * Strict XEdDSA verify: false unless `publicKey` is exactly 32 raw bytes, `signature` exactly 64
 * bytes, and the signature really verifies. Never throws for bad input; never accepts a prefixed key
 * silently (strip it first, so the caller states which form the signed bytes used).
 */
export function verify(publicKey: Uint8Array, message: Uint8Array, signature: Uint8Array): boolean {
  if (!(publicKey instanceof Uint8Array) || publicKey.length !== 32) return false;
  if (!(signature instanceof Uint8Array) || signature.length !== 64) return false;
  if (!(message instanceof Uint8Array)) return false;
  return curve25519.verify(publicKey, message, signature) === true;
}

/** `05 ‖ pub`: the wire / Signal form of a raw public key. */
export function withTypePrefix(publicKey: Uint8Array): Uint8Array {
  assertLength(publicKey, 32, 'public key (raw)');
  const out = new Uint8Array(33);
  out[0] = KEY_TYPE_DJB;
  out.set(publicKey, 1);
  return out;
}

/** The raw key inside a `05 ‖ pub` key; throws on any other shape. */
export function stripTypePrefix(publicKey: Uint8Array): Uint8Array {
  if (publicKey.length !== 33 || publicKey[0] !== KEY_TYPE_DJB) {
    throw new Error(`expected a 33-byte 0x05-prefixed public key, got ${publicKey.length} bytes`);
  }
  return publicKey.slice(1);
}

function assertLength(bytes: Uint8Array, length: number, what: string): void {
  if (!(bytes instanceof Uint8Array) || bytes.length !== length) {
    throw new Error(`${what}: expected ${length} bytes, got ${bytes?.length}`);
  }
}

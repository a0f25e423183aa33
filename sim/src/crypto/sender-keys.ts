/**
 * Signal sender keys, as WhatsApp groups use them (`skmsg`), on node:crypto and our strict curve:
 * a chain key ratcheted by HMAC (0x01 → message key seed, 0x02 → next chain key), message keys from
 * HKDF(seed, 32 zero bytes, "WhisperGroup") (IV = bytes 0–15, AES-256-CBC key = 16–47), and every
 * message signed with the sender's signing key. Wire forms: `0x33 ‖ SenderKeyDistributionMessage`
 * and `0x33 ‖ SenderKeyMessage ‖ signature(64)` (protos from baileys' WAProto only).
 */
import { createCipheriv, createDecipheriv, randomBytes, randomInt } from 'node:crypto';
import { proto } from 'baileys/WAProto/index.js';
import { generateKeyPair, sign, stripTypePrefix, verify, withTypePrefix } from './curve.js';
import { hkdf, hmacSha256 } from './primitives.js';

const VERSION = 0x33;
const SIGNATURE_LENGTH = 64;
/** Message keys kept for messages that arrive out of order, per sender. */
const MAX_SKIPPED = 2000;

/** One sender's chain in one group; JSON-safe (base64) so a phone can persist it. */
export interface SenderKeyState {
  keyId: number;
  iteration: number;
  chainKey: string;
  signingPublic: string;
  /** Only for our own sender key. */
  signingPrivate?: string;
  /** Iteration → message key seed, for iterations skipped over. */
  skipped: Record<string, string>;
}

export class SenderKeyError extends Error {
  override name = 'SenderKeyError';
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const bytes = (s: string): Uint8Array => new Uint8Array(Buffer.from(s, 'base64'));

export function newSenderKey(): SenderKeyState {
  const signing = generateKeyPair();
  return {
    keyId: randomInt(0, 0x7fffffff),
    iteration: 0,
    chainKey: b64(randomBytes(32)),
    signingPublic: b64(signing.public),
    signingPrivate: b64(signing.private),
    skipped: {},
  };
}

/** The `axolotlSenderKeyDistributionMessage` bytes that hand `state` (its current position) to a member. */
export function distribution(state: SenderKeyState): Uint8Array {
  const body = proto.SenderKeyDistributionMessage.encode({
    id: state.keyId,
    iteration: state.iteration,
    chainKey: bytes(state.chainKey),
    signingKey: withTypePrefix(bytes(state.signingPublic)),
  }).finish();
  return Buffer.concat([Buffer.of(VERSION), body]);
}

/** A member's sender key from its distribution message. */
export function fromDistribution(serialized: Uint8Array): SenderKeyState {
  const m = proto.SenderKeyDistributionMessage.decode(serialized.subarray(1));
  if (!m.chainKey || !m.signingKey) throw new SenderKeyError('sender key distribution without chain or signing key');
  return {
    keyId: m.id ?? 0,
    iteration: m.iteration ?? 0,
    chainKey: b64(m.chainKey),
    signingPublic: b64(stripTypePrefix(m.signingKey)),
    skipped: {},
  };
}

function messageKeys(seed: Uint8Array): { iv: Uint8Array; key: Uint8Array } {
  const out = hkdf(seed, 48, { salt: new Uint8Array(32), info: 'WhisperGroup' });
  return { iv: out.subarray(0, 16), key: out.subarray(16, 48) };
}

/** The seed for the current iteration, then the chain moves one step. */
function step(state: SenderKeyState): Uint8Array {
  const chain = bytes(state.chainKey);
  const seed = hmacSha256(chain, Uint8Array.of(1));
  state.chainKey = b64(hmacSha256(chain, Uint8Array.of(2)));
  state.iteration++;
  return seed;
}

/** Encrypts with our own sender key (the chain advances). */
export function groupEncrypt(state: SenderKeyState, plaintext: Uint8Array): Uint8Array {
  if (!state.signingPrivate) throw new SenderKeyError('not our sender key');
  const iteration = state.iteration;
  const { iv, key } = messageKeys(step(state));
  const c = createCipheriv('aes-256-cbc', key, iv);
  const ciphertext = Buffer.concat([c.update(plaintext), c.final()]);
  const signed = Buffer.concat([
    Buffer.of(VERSION),
    proto.SenderKeyMessage.encode({ id: state.keyId, iteration, ciphertext }).finish(),
  ]);
  return Buffer.concat([signed, sign(bytes(state.signingPrivate), signed)]);
}

/** Decrypts a member's `skmsg` with its sender key: the signature is checked strictly first. */
export function groupDecrypt(state: SenderKeyState, serialized: Uint8Array): Uint8Array {
  const signed = serialized.subarray(0, serialized.length - SIGNATURE_LENGTH);
  if (!verify(bytes(state.signingPublic), signed, serialized.subarray(serialized.length - SIGNATURE_LENGTH))) {
    throw new SenderKeyError('bad sender key message signature');
  }
  const m = proto.SenderKeyMessage.decode(signed.subarray(1));
  const iteration = m.iteration ?? 0;
  let seed: Uint8Array;
  if (iteration < state.iteration) {
    const kept = state.skipped[iteration];
    if (!kept) throw new SenderKeyError(`sender key iteration ${iteration} already used`);
    delete state.skipped[iteration];
    seed = bytes(kept);
  } else {
    if (iteration - state.iteration > MAX_SKIPPED) throw new SenderKeyError('sender key message too far ahead');
    while (state.iteration < iteration) state.skipped[state.iteration] = b64(step(state));
    seed = step(state);
    const keys = Object.keys(state.skipped);
    for (const k of keys.slice(0, Math.max(0, keys.length - MAX_SKIPPED))) delete state.skipped[k];
  }
  const { iv, key } = messageKeys(seed);
  const d = createDecipheriv('aes-256-cbc', key, iv);
  return new Uint8Array(Buffer.concat([d.update(m.ciphertext ?? new Uint8Array(0)), d.final()]));
}

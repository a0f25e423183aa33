/**
 * The phone side of the pairing-code ("link with phone number") flow, mirroring Baileys'
 * `requestPairingCode` (Socket/socket.js) and `link_code_companion_reg` (Socket/messages-recv.js):
 *
 *   wrap(pub)   = salt32 ‖ iv16 ‖ AES-256-CTR(PBKDF2-SHA256(code, salt, 131072), pub)
 *   shared      = DH(primaryEphemeral, companionEphemeral)
 *   bundle      = linkSalt32 ‖ iv12 ‖ AES-GCM(HKDF(shared, linkSalt, "link_code_pairing_key_bundle_encryption_key"),
 *                                             companionIdentity ‖ primaryIdentity ‖ random32)
 *   advSecret   = HKDF(shared ‖ DH(primaryIdentity, companionIdentity) ‖ random32, 32, info "adv_secret")
 */
import { randomBytes } from 'node:crypto';
import { generateKeyPair, sharedSecret, type KeyPair } from './curve.js';
import { aesCtr, aesGcmDecrypt, hkdf, pairingCodeKey } from './primitives.js';
import { bytesEqual, concat, PairingError } from './adv.js';

const KEY_BUNDLE_INFO = 'link_code_pairing_key_bundle_encryption_key';

/** Wrap a 32-byte ephemeral public key under the pairing code. */
export async function wrapEphemeral(code: string, publicKey: Uint8Array): Promise<Uint8Array> {
  const salt = randomBytes(32);
  const iv = randomBytes(16);
  const key = await pairingCodeKey(code, salt);
  return concat(salt, iv, aesCtr(publicKey, key, iv));
}

/** Unwrap a key wrapped by `wrapEphemeral` (or by Baileys). A wrong code yields wrong bytes, not an error. */
export async function unwrapEphemeral(code: string, wrapped: Uint8Array): Promise<Uint8Array> {
  if (wrapped.length !== 80) throw new PairingError(`wrapped ephemeral: expected 80 bytes, got ${wrapped.length}`);
  const key = await pairingCodeKey(code, wrapped.subarray(0, 32));
  return aesCtr(wrapped.subarray(48, 80), key, wrapped.subarray(32, 48));
}

/** What the phone keeps between the code entry and the companion's `companion_finish`. */
export interface PendingCodeLink {
  primaryEphemeral: KeyPair;
  companionEphemeral: Uint8Array;
}

/** Phone: the user typed `code`; unwrap the companion's ephemeral and wrap a fresh one of ours. */
export async function enterCode(
  code: string,
  wrappedCompanionEphemeral: Uint8Array,
): Promise<{ pending: PendingCodeLink; wrappedPrimaryEphemeral: Uint8Array }> {
  const companionEphemeral = await unwrapEphemeral(code, wrappedCompanionEphemeral);
  const primaryEphemeral = generateKeyPair();
  const wrappedPrimaryEphemeral = await wrapEphemeral(code, primaryEphemeral.public);
  return { pending: { primaryEphemeral, companionEphemeral }, wrappedPrimaryEphemeral };
}

/**
 * Phone: open the companion's key bundle and derive the advSecret. Throws PairingError when the
 * bundle does not open (wrong code) or names other identities than the ones in the stanza and ours.
 */
export function finishCode(
  pending: PendingCodeLink,
  account: KeyPair,
  wrappedKeyBundle: Uint8Array,
  companionIdentityKey: Uint8Array,
): { advSecret: Uint8Array } {
  if (wrappedKeyBundle.length < 32 + 12 + 16) throw new PairingError('key bundle too short');
  const shared = sharedSecret(pending.primaryEphemeral.private, pending.companionEphemeral);
  const key = hkdf(shared, 32, { salt: wrappedKeyBundle.subarray(0, 32), info: KEY_BUNDLE_INFO });
  let plain: Uint8Array;
  try {
    plain = aesGcmDecrypt(wrappedKeyBundle.subarray(44), key, wrappedKeyBundle.subarray(32, 44));
  } catch {
    throw new PairingError('key bundle does not decrypt: wrong pairing code?');
  }
  if (plain.length !== 96) throw new PairingError(`key bundle: expected 96 bytes, got ${plain.length}`);
  const companionIdentity = plain.subarray(0, 32);
  const primaryIdentity = plain.subarray(32, 64);
  const random = plain.subarray(64, 96);
  if (!bytesEqual(companionIdentity, companionIdentityKey))
    throw new PairingError('key bundle: companion identity differs from companion_identity_public');
  if (!bytesEqual(primaryIdentity, account.public))
    throw new PairingError('key bundle: primary identity is not this account');
  const identityShared = sharedSecret(account.private, companionIdentityKey);
  return { advSecret: hkdf(concat(shared, identityShared, random), 32, { info: 'adv_secret' }) };
}

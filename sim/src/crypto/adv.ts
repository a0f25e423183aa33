/**
 * ADV (device identity) crypto of the primary phone, mirroring what Baileys'
 * `configureSuccessfulPairing` checks and produces (Utils/validate-connection.js):
 *
 *   details          = ADVDeviceIdentity{rawId, timestamp, keyIndex[, deviceType HOSTED]}
 *   accountSignature = XEdDSA(A, 06 00 ‖ details ‖ companionIdentity)      (06 05 for hosted)
 *   signed           = ADVSignedDeviceIdentity{details, accountSignatureKey: A.pub, accountSignature}
 *   hmac             = HMAC-SHA256(advSecret, [06 05 ‖] signed)               (prefix for hosted only)
 *   deviceSignature  = XEdDSA(companion, 06 01 ‖ details ‖ companionIdentity ‖ A.pub)  (companion side)
 *
 * All verification here is strict curve25519 (./curve.ts).
 */
import { proto } from 'baileys/WAProto/index.js';
import { sign, verify, type KeyPair } from './curve.js';
import { hmacSha256 } from './primitives.js';

export const ADV_ACCOUNT_SIG_PREFIX = Uint8Array.of(6, 0);
export const ADV_DEVICE_SIG_PREFIX = Uint8Array.of(6, 1);
export const ADV_HOSTED_ACCOUNT_SIG_PREFIX = Uint8Array.of(6, 5);

export class PairingError extends Error {
  override name = 'PairingError';
}

export interface CompanionGrant {
  /** The account key pair A (device 0's identity). */
  account: KeyPair;
  companionIdentityKey: Uint8Array;
  advSecret: Uint8Array;
  rawId: number;
  keyIndex: number;
  /** Seconds since the epoch. */
  timestamp: number;
  hosted?: boolean;
}

/** The content of `<pair-success><device-identity>`: an encoded ADVSignedDeviceIdentityHMAC. */
export function signCompanion(grant: CompanionGrant): { details: Uint8Array; deviceIdentity: Uint8Array } {
  const hosted = grant.hosted === true;
  const details = proto.ADVDeviceIdentity.encode({
    rawId: grant.rawId,
    timestamp: grant.timestamp,
    keyIndex: grant.keyIndex,
    ...(hosted ? { accountType: proto.ADVEncryptionType.HOSTED, deviceType: proto.ADVEncryptionType.HOSTED } : {}),
  }).finish();
  const accountPrefix = hosted ? ADV_HOSTED_ACCOUNT_SIG_PREFIX : ADV_ACCOUNT_SIG_PREFIX;
  const accountSignature = sign(grant.account.private, concat(accountPrefix, details, grant.companionIdentityKey));
  const signed = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: grant.account.public,
    accountSignature,
  }).finish();
  const hmac = hmacSha256(grant.advSecret, hosted ? concat(ADV_HOSTED_ACCOUNT_SIG_PREFIX, signed) : signed);
  const deviceIdentity = proto.ADVSignedDeviceIdentityHMAC.encode({
    details: signed,
    hmac,
    ...(hosted ? { accountType: proto.ADVEncryptionType.HOSTED } : {}),
  }).finish();
  return { details, deviceIdentity };
}

export interface VerifiedCompanion {
  keyIndex: number;
  /** The full ADVSignedDeviceIdentity, accountSignatureKey included, for the server's records. */
  signedDeviceIdentity: Uint8Array;
}

/**
 * Check the companion's `<pair-device-sign><device-identity>` content: our own account signature
 * over these details and its identity, and its device signature, both strictly. Baileys sends it
 * without accountSignatureKey; any key it does send must be ours.
 */
export function verifyCompanion(
  content: Uint8Array,
  account: Uint8Array,
  companionIdentityKey: Uint8Array,
): VerifiedCompanion {
  let signed: proto.ADVSignedDeviceIdentity;
  try {
    signed = proto.ADVSignedDeviceIdentity.decode(content);
  } catch (err) {
    throw new PairingError(`pair-device-sign: undecodable ADVSignedDeviceIdentity (${(err as Error).message})`);
  }
  const { details, accountSignature, deviceSignature, accountSignatureKey } = signed;
  if (!details?.length || !accountSignature?.length || !deviceSignature?.length) {
    throw new PairingError('pair-device-sign: details, accountSignature or deviceSignature missing');
  }
  if (accountSignatureKey?.length && !bytesEqual(accountSignatureKey, account)) {
    throw new PairingError('pair-device-sign: accountSignatureKey is not this account');
  }
  const identity = proto.ADVDeviceIdentity.decode(details);
  const hosted = identity.deviceType === proto.ADVEncryptionType.HOSTED;
  const accountPrefix = hosted ? ADV_HOSTED_ACCOUNT_SIG_PREFIX : ADV_ACCOUNT_SIG_PREFIX;
  if (!verify(account, concat(accountPrefix, details, companionIdentityKey), accountSignature)) {
    throw new PairingError('pair-device-sign: account signature does not verify');
  }
  if (
    !verify(
      companionIdentityKey,
      concat(ADV_DEVICE_SIG_PREFIX, details, companionIdentityKey, account),
      deviceSignature,
    )
  ) {
    throw new PairingError('pair-device-sign: device signature does not verify');
  }
  const signedDeviceIdentity = proto.ADVSignedDeviceIdentity.encode({
    details,
    accountSignatureKey: account,
    accountSignature,
    deviceSignature,
  }).finish();
  return { keyIndex: identity.keyIndex ?? 0, signedDeviceIdentity };
}

export function concat(...parts: Uint8Array[]): Uint8Array {
  return new Uint8Array(Buffer.concat(parts));
}

export function bytesEqual(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && Buffer.compare(a, b) === 0;
}

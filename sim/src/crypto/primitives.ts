/**
 * Symmetric primitives the phone needs, on node:crypto only (no Baileys): HKDF-SHA256, HMAC-SHA256,
 * AES-256-CTR, AES-256-GCM (tag appended, as Baileys does) and the pairing-code PBKDF2.
 */
import { createCipheriv, createDecipheriv, createHmac, hkdfSync, pbkdf2 } from 'node:crypto';

/** HKDF-SHA256. No salt means the RFC 5869 default (HashLen zero bytes), as Baileys' hkdf. */
export function hkdf(
  ikm: Uint8Array,
  length: number,
  opts: { salt?: Uint8Array; info?: string | Uint8Array },
): Uint8Array {
  const info = typeof opts.info === 'string' ? Buffer.from(opts.info) : (opts.info ?? new Uint8Array(0));
  return new Uint8Array(hkdfSync('sha256', ikm, opts.salt ?? new Uint8Array(0), info, length));
}

export function hmacSha256(key: Uint8Array, data: Uint8Array): Uint8Array {
  return new Uint8Array(createHmac('sha256', key).update(data).digest());
}

export function aesCtr(data: Uint8Array, key: Uint8Array, iv: Uint8Array): Uint8Array {
  // CTR is its own inverse: one function encrypts and decrypts.
  const cipher = createCipheriv('aes-256-ctr', key, iv);
  return new Uint8Array(Buffer.concat([cipher.update(data), cipher.final()]));
}

const GCM_TAG = 16;

export function aesGcmEncrypt(
  plaintext: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  aad = new Uint8Array(0),
): Uint8Array {
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(aad);
  return new Uint8Array(Buffer.concat([cipher.update(plaintext), cipher.final(), cipher.getAuthTag()]));
}

/** Throws when the tag does not verify (wrong key: e.g. a mistyped pairing code). */
export function aesGcmDecrypt(
  ciphertext: Uint8Array,
  key: Uint8Array,
  iv: Uint8Array,
  aad = new Uint8Array(0),
): Uint8Array {
  if (ciphertext.length < GCM_TAG) throw new Error('AES-GCM ciphertext shorter than its tag');
  const decipher = createDecipheriv('aes-256-gcm', key, iv);
  decipher.setAAD(aad);
  decipher.setAuthTag(ciphertext.subarray(ciphertext.length - GCM_TAG));
  return new Uint8Array(
    Buffer.concat([decipher.update(ciphertext.subarray(0, ciphertext.length - GCM_TAG)), decipher.final()]),
  );
}

/** The pairing-code key: PBKDF2-SHA256(code, salt, 2 << 16 = 131072 rounds, 32 bytes). Async: ~100 ms. */
export function pairingCodeKey(code: string, salt: Uint8Array): Promise<Uint8Array> {
  return new Promise((resolve, reject) => {
    pbkdf2(Buffer.from(code, 'utf8'), salt, 131072, 32, 'sha256', (err, key) =>
      err ? reject(err) : resolve(new Uint8Array(key)),
    );
  });
}

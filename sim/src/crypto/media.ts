/**
 * WhatsApp media encryption (Baileys `encryptedStream` / `getMediaKeys`, Utils/messages-media.js):
 * HKDF-SHA256(mediaKey, 112, "WhatsApp <Kind> Keys") → iv | cipherKey | macKey; the uploaded file is
 * AES-256-CBC(plain) followed by the first 10 bytes of HMAC-SHA256(macKey, iv | ciphertext).
 * The phone checks that MAC before it trusts a download (Baileys itself does not).
 */
import { createCipheriv, createDecipheriv, createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import { hkdf, hmacSha256 } from './primitives.js';

/** The HKDF info word per media kind (Baileys `MEDIA_HKDF_KEY_MAPPING`). */
const INFO: Record<string, string> = {
  image: 'Image',
  sticker: 'Image',
  video: 'Video',
  gif: 'Video',
  ptv: 'Video',
  audio: 'Audio',
  ptt: 'Audio',
  document: 'Document',
};

const MAC_LENGTH = 10;

export class MediaCryptoError extends Error {
  override name = 'MediaCryptoError';
}

export function mediaKeys(
  mediaKey: Uint8Array,
  kind: string,
): { iv: Uint8Array; cipherKey: Uint8Array; macKey: Uint8Array } {
  const info = INFO[kind];
  if (!info) throw new MediaCryptoError(`no media keys for kind "${kind}"`);
  const x = hkdf(mediaKey, 112, { info: `WhatsApp ${info} Keys` });
  return { iv: x.subarray(0, 16), cipherKey: x.subarray(16, 48), macKey: x.subarray(48, 80) };
}

export interface EncryptedMedia {
  mediaKey: Uint8Array;
  /** What is uploaded: ciphertext and the 10-byte MAC. */
  enc: Uint8Array;
  fileSha256: Uint8Array;
  fileEncSha256: Uint8Array;
  fileLength: number;
}

const sha256 = (b: Uint8Array): Uint8Array => new Uint8Array(createHash('sha256').update(b).digest());

export function encryptMedia(plain: Uint8Array, kind: string, mediaKey: Uint8Array = randomBytes(32)): EncryptedMedia {
  const { iv, cipherKey, macKey } = mediaKeys(mediaKey, kind);
  const aes = createCipheriv('aes-256-cbc', cipherKey, iv);
  const ciphertext = Buffer.concat([aes.update(plain), aes.final()]);
  const mac = hmacSha256(macKey, Buffer.concat([iv, ciphertext])).subarray(0, MAC_LENGTH);
  const enc = new Uint8Array(Buffer.concat([ciphertext, mac]));
  return { mediaKey, enc, fileSha256: sha256(plain), fileEncSha256: sha256(enc), fileLength: plain.length };
}

/**
 * Checks the MAC (and `fileEncSha256` when given), then decrypts. Throws MediaCryptoError when the
 * file was altered or the key does not fit.
 */
export function decryptMedia(
  enc: Uint8Array,
  mediaKey: Uint8Array,
  kind: string,
  fileEncSha256?: Uint8Array,
): Uint8Array {
  if (enc.length < MAC_LENGTH + 16) throw new MediaCryptoError(`media file too short (${enc.length} bytes)`);
  if (fileEncSha256?.length && !Buffer.from(sha256(enc)).equals(Buffer.from(fileEncSha256))) {
    throw new MediaCryptoError('fileEncSha256 does not match the downloaded file');
  }
  const { iv, cipherKey, macKey } = mediaKeys(mediaKey, kind);
  const ciphertext = enc.subarray(0, enc.length - MAC_LENGTH);
  const mac = hmacSha256(macKey, Buffer.concat([iv, ciphertext])).subarray(0, MAC_LENGTH);
  if (!timingSafeEqual(mac, enc.subarray(enc.length - MAC_LENGTH)))
    throw new MediaCryptoError('media MAC does not verify');
  try {
    const aes = createDecipheriv('aes-256-cbc', cipherKey, iv);
    return new Uint8Array(Buffer.concat([aes.update(ciphertext), aes.final()]));
  } catch (err) {
    throw new MediaCryptoError(`media does not decrypt: ${(err as Error).message}`);
  }
}

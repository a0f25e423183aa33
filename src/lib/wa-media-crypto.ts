// WhatsApp's published media encryption, engine-independent: the 32-byte mediaKey is expanded
// with HKDF-SHA256 (empty salt, info "WhatsApp <Type> Keys") to 112 bytes: IV [0,16), AES-256 key
// [16,48), HMAC key [48,80). The file on the media host is AES-256-CBC(plain) followed by the first
// 10 bytes of HMAC-SHA256(macKey, IV ‖ ciphertext); fileEncSha256 is SHA-256 of that whole body and
// fileSha256 SHA-256 of the plain file.
//
// Baileys decrypts without checking the MAC (PERFORMANCE.md, media safety), so every download of
// ours goes through createMediaDecryptor, which checks the MAC and both hashes and fails the stream
// when any of them disagrees. Bytes are emitted before the end is verified: the consumer must treat
// the output as untrusted until the stream ends without error (the blob store discards its draft).
import { createDecipheriv, createHash, createHmac, hkdfSync, timingSafeEqual, type Decipher } from 'node:crypto';
import { Transform, type TransformCallback } from 'node:stream';

export type WaMediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'ptt' | 'gif' | 'ptv';

const INFO: Record<WaMediaType, string> = {
  image: 'Image', sticker: 'Image', video: 'Video', gif: 'Video', ptv: 'Video', audio: 'Audio', ptt: 'Audio', document: 'Document',
};

export interface WaMediaKeys {
  iv: Buffer;
  cipherKey: Buffer;
  macKey: Buffer;
}

const MAC_BYTES = 10;

export function waMediaKeys(mediaKey: Uint8Array, type: WaMediaType): WaMediaKeys {
  if (mediaKey.length !== 32) throw new MediaIntegrityError('mediaKey must be 32 bytes');
  const expanded = Buffer.from(hkdfSync('sha256', mediaKey, Buffer.alloc(0), `WhatsApp ${INFO[type]} Keys`, 112));
  return { iv: expanded.subarray(0, 16), cipherKey: expanded.subarray(16, 48), macKey: expanded.subarray(48, 80) };
}

export class MediaIntegrityError extends Error {
  readonly code = 'MEDIA_INTEGRITY_FAILED';
}

export interface DecryptExpectations {
  /** SHA-256 of the encrypted body (with its MAC), when the message carries it. */
  fileEncSha256?: Uint8Array | null;
  /** SHA-256 of the plain file, when the message carries it. */
  fileSha256?: Uint8Array | null;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

/** A Transform from the encrypted body to the plain file that verifies MAC and hashes at the end. */
export function createMediaDecryptor(keys: WaMediaKeys, expect: DecryptExpectations = {}): Transform {
  const hmac = createHmac('sha256', keys.macKey).update(keys.iv);
  const encHash = createHash('sha256');
  const plainHash = createHash('sha256');
  const decipher: Decipher = createDecipheriv('aes-256-cbc', keys.cipherKey, keys.iv);
  // The last MAC_BYTES seen so far: they may be the MAC, so they are held back from the cipher.
  let tail = Buffer.alloc(0);

  const emit = (t: Transform, plain: Buffer): void => {
    if (plain.length === 0) return;
    plainHash.update(plain);
    t.push(plain);
  };

  return new Transform({
    transform(chunk: Buffer, _enc: BufferEncoding, done: TransformCallback) {
      try {
        encHash.update(chunk);
        const data = tail.length ? Buffer.concat([tail, chunk]) : chunk;
        const cut = Math.max(0, data.length - MAC_BYTES);
        const body = data.subarray(0, cut);
        tail = Buffer.from(data.subarray(cut));
        if (body.length) {
          hmac.update(body);
          emit(this, decipher.update(body));
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
    flush(done: TransformCallback) {
      try {
        if (tail.length !== MAC_BYTES) throw new MediaIntegrityError('the encrypted media is too short');
        const mac = hmac.digest().subarray(0, MAC_BYTES);
        if (!sameBytes(mac, tail)) throw new MediaIntegrityError('the media MAC does not match (wrong mediaKey or tampered file)');
        if (expect.fileEncSha256?.length && !sameBytes(encHash.digest(), expect.fileEncSha256)) {
          throw new MediaIntegrityError('fileEncSha256 does not match the downloaded file');
        }
        let last: Buffer;
        try {
          last = decipher.final();
        } catch (cause) {
          throw new MediaIntegrityError('the media does not decrypt (bad padding)', { cause });
        }
        emit(this, last);
        if (expect.fileSha256?.length && !sameBytes(plainHash.digest(), expect.fileSha256)) {
          throw new MediaIntegrityError('fileSha256 does not match the decrypted file');
        }
        done();
      } catch (err) {
        done(err as Error);
      }
    },
  });
}

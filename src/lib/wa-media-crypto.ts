// WhatsApp's published media encryption, engine-independent: the 32-byte mediaKey is expanded
// with HKDF-SHA256 (empty salt, info "WhatsApp <Type> Keys") to 112 bytes: IV [0,16), AES-256 key
// [16,48), HMAC key [48,80). The file on the media host is AES-256-CBC(plain) followed by the first
// 10 bytes of HMAC-SHA256(macKey, IV ‖ ciphertext); fileEncSha256 is SHA-256 of that whole body and
// fileSha256 SHA-256 of the plain file.
//
// Baileys decrypts without checking the MAC (PERFORMANCE.md, media safety), so every download of
// ours goes through MediaDecryptor, which checks the MAC and both hashes and fails the stream
// when any of them disagrees. Bytes come out before the end is verified: the consumer must treat
// the output as untrusted until the iteration ends without error (the blob store discards its draft).
import {
  createDecipheriv,
  createHash,
  createHmac,
  hkdfSync,
  timingSafeEqual,
  type Decipher,
  type Hmac,
} from 'node:crypto';

export type WaMediaType = 'image' | 'video' | 'audio' | 'document' | 'sticker' | 'ptt' | 'gif' | 'ptv';

const INFO: Record<WaMediaType, string> = {
  image: 'Image',
  sticker: 'Image',
  video: 'Video',
  gif: 'Video',
  ptv: 'Video',
  audio: 'Audio',
  ptt: 'Audio',
  document: 'Document',
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

/**
 * Decrypts an encrypted media body chunk by chunk (any chunk sizes). `update` returns plain bytes
 * as they become available; `final` checks the MAC and the hashes and throws MediaIntegrityError
 * when one disagrees.
 */
export class MediaDecryptor {
  private readonly hmac: Hmac;
  private readonly encHash = createHash('sha256');
  private readonly plainHash = createHash('sha256');
  private readonly decipher: Decipher;
  /** The last MAC_BYTES seen so far: they may be the MAC, so they are held back from the cipher. */
  private tail = Buffer.alloc(0);

  constructor(
    keys: WaMediaKeys,
    private readonly expect: DecryptExpectations = {},
  ) {
    this.hmac = createHmac('sha256', keys.macKey).update(keys.iv);
    this.decipher = createDecipheriv('aes-256-cbc', keys.cipherKey, keys.iv);
  }

  update(chunk: Uint8Array): Buffer {
    this.encHash.update(chunk);
    const data = this.tail.length ? Buffer.concat([this.tail, chunk]) : Buffer.from(chunk);
    const cut = Math.max(0, data.length - MAC_BYTES);
    const body = data.subarray(0, cut);
    this.tail = Buffer.from(data.subarray(cut));
    if (!body.length) return Buffer.alloc(0);
    this.hmac.update(body);
    const plain = this.decipher.update(body);
    this.plainHash.update(plain);
    return plain;
  }

  final(): Buffer {
    if (this.tail.length !== MAC_BYTES) throw new MediaIntegrityError('the encrypted media is too short');
    const mac = this.hmac.digest().subarray(0, MAC_BYTES);
    if (!sameBytes(mac, this.tail))
      throw new MediaIntegrityError('the media MAC does not match (wrong mediaKey or type, or a tampered file)');
    if (this.expect.fileEncSha256?.length && !sameBytes(this.encHash.digest(), this.expect.fileEncSha256)) {
      throw new MediaIntegrityError('fileEncSha256 does not match the downloaded file');
    }
    let last: Buffer;
    try {
      last = this.decipher.final();
    } catch (cause) {
      throw new MediaIntegrityError('the media does not decrypt (bad padding)', { cause });
    }
    this.plainHash.update(last);
    if (this.expect.fileSha256?.length && !sameBytes(this.plainHash.digest(), this.expect.fileSha256)) {
      throw new MediaIntegrityError('fileSha256 does not match the decrypted file');
    }
    return last;
  }
}

/** The plain file from an encrypted body; the iteration throws MediaIntegrityError at the end on a bad file. */
export async function* decryptMediaStream(
  source: AsyncIterable<Uint8Array> | Iterable<Uint8Array>,
  keys: WaMediaKeys,
  expect: DecryptExpectations = {},
): AsyncGenerator<Buffer> {
  const d = new MediaDecryptor(keys, expect);
  for await (const chunk of source) {
    const plain = d.update(chunk);
    if (plain.length) yield plain;
  }
  const last = d.final();
  if (last.length) yield last;
}

/**
 * Media at the phone: download a received file from the simulated CDN, check its MAC and hashes and
 * decrypt it (as a real phone would before showing it); encrypt and upload a file the phone sends.
 */
import { createHash } from 'node:crypto';
import type { proto } from 'baileys/WAProto/index.js';
import { decryptMedia, encryptMedia } from '../crypto/media.js';
import type { MediaInfo, MediaRef } from './content.js';
import type { PhoneNetwork } from './network.js';

/** The inbox's media fields, completed with the hash and size of what actually decrypted. */
export async function openMedia(network: PhoneNetwork, ref: MediaRef, info: MediaInfo): Promise<MediaInfo> {
  const fail = (error: string): MediaInfo => ({ ...info, error });
  if (!network.downloadMedia) return fail('no media host on this network');
  if (!ref.mediaKey) return fail('message has no mediaKey');
  const where = ref.directPath ?? ref.url;
  if (!where) return fail('message has neither directPath nor url');
  const file = await network.downloadMedia(where);
  if (!file) return fail(`media not found at ${where}`);
  let plain: Uint8Array;
  try {
    plain = decryptMedia(file, ref.mediaKey, ref.kind, ref.fileEncSha256);
  } catch (err) {
    return fail((err as Error).message);
  }
  const sha = createHash('sha256').update(plain).digest();
  if (ref.fileSha256 && !sha.equals(Buffer.from(ref.fileSha256)))
    return fail('fileSha256 does not match the decrypted file');
  if (ref.fileLength !== undefined && ref.fileLength !== plain.length)
    return fail(`fileLength ${ref.fileLength} but ${plain.length} bytes decrypted`);
  return { ...info, sha256: sha.toString('hex'), size: plain.length };
}

export type SendableKind = 'image' | 'video' | 'audio' | 'document' | 'sticker';

export interface MediaToSend {
  data: Uint8Array;
  mimetype: string;
  caption?: string;
  fileName?: string;
  /** audio only: a voice note. */
  ptt?: boolean;
}

/** Encrypt, upload and describe a file as the `<kind>Message` a phone would send. */
export async function mediaMessage(
  network: PhoneNetwork,
  kind: SendableKind,
  media: MediaToSend,
  nowSeconds: number,
): Promise<proto.IMessage> {
  if (!network.uploadMedia) throw new Error('no media host on this network');
  const hkdfKind = kind === 'audio' && media.ptt ? 'ptt' : kind;
  const enc = encryptMedia(media.data, hkdfKind);
  const { url, direct_path } = await network.uploadMedia(kind, enc.enc);
  const common = {
    url,
    directPath: direct_path,
    mediaKey: enc.mediaKey,
    fileEncSha256: enc.fileEncSha256,
    fileSha256: enc.fileSha256,
    fileLength: enc.fileLength,
    mediaKeyTimestamp: nowSeconds,
    mimetype: media.mimetype,
  };
  const caption = media.caption ? { caption: media.caption } : {};
  switch (kind) {
    case 'image':
      return { imageMessage: { ...common, ...caption } };
    case 'video':
      return { videoMessage: { ...common, ...caption } };
    case 'audio':
      return { audioMessage: { ...common, ptt: !!media.ptt } };
    case 'document':
      return { documentMessage: { ...common, ...caption, fileName: media.fileName ?? 'file' } };
    case 'sticker':
      return { stickerMessage: { ...common } };
  }
}

// Inbound media download with our own integrity checks. Baileys' downloadMediaMessage decrypts
// without checking the MAC (PERFORMANCE.md, media safety), so we use Baileys only to read the
// message and to ask the phone to re-upload expired media; the encrypted file is fetched here and
// decrypted by src/lib/wa-media-crypto.ts, which checks the MAC, fileEncSha256 and fileSha256.
import { extractMessageContent, getUrlFromDirectPath, type WAMessage, type WASocket } from 'baileys';
import { type Dispatcher, request } from 'undici';
import type { InboundMediaDownload } from '../../core/ports/engine.js';
import { checkOutboundUrl } from '../../lib/address-guard.js';
import { reviveMessage } from './from-core.js';
import { decryptMediaStream, waMediaKeys, type WaMediaType } from '../../lib/wa-media-crypto.js';

const FIELDS = [
  ['imageMessage', 'image'],
  ['videoMessage', 'video'],
  ['audioMessage', 'audio'],
  ['documentMessage', 'document'],
  ['stickerMessage', 'sticker'],
] as const;

/** Statuses after which the phone must re-upload the media (the CDN copy is gone). */
const REUPLOAD = new Set([404, 410]);

interface MediaFields {
  url?: string | null;
  directPath?: string | null;
  mediaKey?: Uint8Array | null;
  mimetype?: string | null;
  fileName?: string | null;
  fileSha256?: Uint8Array | null;
  fileEncSha256?: Uint8Array | null;
}

/** Bytes fields come back from InboundMessage.raw as base64 strings (protobuf's toJSON) or Buffers. */
function bytes(v: unknown): Uint8Array | null {
  if (typeof v === 'string') return v ? Buffer.from(v, 'base64') : null;
  return v instanceof Uint8Array ? v : null;
}

/** The media part of a message, when it has one that can be downloaded (bytes fields made Buffers, in place). */
function mediaOf(msg: WAMessage): { type: WaMediaType; media: MediaFields } | null {
  const content = extractMessageContent(msg.message);
  if (!content) return null;
  for (const [field, type] of FIELDS) {
    const media = content[field] as MediaFields | null | undefined;
    if (!media) continue;
    media.mediaKey = bytes(media.mediaKey);
    media.fileSha256 = bytes(media.fileSha256);
    media.fileEncSha256 = bytes(media.fileEncSha256);
    if (media.mediaKey?.length && (media.url || media.directPath)) return { type, media };
  }
  return null;
}

function urlOf(media: MediaFields): string {
  // As Baileys does: the directPath on the host the url names (WhatsApp's CDN by default).
  if (media.directPath) {
    let host: string | undefined;
    try {
      host = media.url ? new URL(media.url).host : undefined;
    } catch {
      host = undefined;
    }
    return getUrlFromDirectPath(media.directPath, host);
  }
  return media.url ?? '';
}

export interface MediaDownloadContext {
  sock: WASocket;
  /**
   * Connection pool for media hosts (trusts the simulator's CA when configured). Unless private
   * URLs are allowed it must resolve names with `guardedLookup`: the URL comes from the sender.
   */
  dispatcher: Dispatcher;
  timeoutMs: number;
  /** WAGATE_ALLOW_PRIVATE_URLS: without it a URL naming a private or local host is refused. */
  allowPrivateUrls: boolean;
}

/** The URL to fetch, refused when the sender points it at a private or local host (SSRF). */
async function checkedUrlOf(media: MediaFields, allowPrivateUrls: boolean): Promise<string> {
  const check = await checkOutboundUrl(urlOf(media), allowPrivateUrls);
  if (!check.ok) throw new Error(`media download refused: ${check.message}`);
  return check.url.toString();
}

export async function downloadInboundMedia(
  raw: unknown,
  ctx: MediaDownloadContext,
): Promise<InboundMediaDownload | null> {
  let msg = reviveMessage(raw);
  let found = mediaOf(msg);
  if (!found) return null;
  for (let attempt = 0; ; attempt++) {
    const { type, media } = found;
    // Keys first: a bad mediaKey must fail before a response body is open.
    const keys = waMediaKeys(media.mediaKey as Uint8Array, type);
    const res = await request(await checkedUrlOf(media, ctx.allowPrivateUrls), {
      dispatcher: ctx.dispatcher,
      headers: { origin: 'https://web.whatsapp.com' },
      signal: AbortSignal.timeout(ctx.timeoutMs),
    });
    try {
      if (res.statusCode >= 200 && res.statusCode < 300) {
        return {
          stream: decryptMediaStream(res.body, keys, {
            fileSha256: media.fileSha256 ?? null,
            fileEncSha256: media.fileEncSha256 ?? null,
          }),
          mimetype: media.mimetype ?? null,
          fileName: media.fileName ?? null,
        };
      }
      throw new Error(`media download failed: HTTP ${res.statusCode}`);
    } catch (err) {
      // Any failure once the answer is here: its body is not read, so it must not stay open.
      res.body.on('error', () => undefined);
      res.body.destroy();
      if (attempt > 0 || !REUPLOAD.has(res.statusCode)) throw err;
    }
    // Expired on the CDN: ask the sender's phone to upload it again (Baileys' media retry).
    msg = await ctx.sock.updateMediaMessage(msg);
    found = mediaOf(msg);
    if (!found) return null;
  }
}

// Input rules for media operations, written once with zod: the core re-checks every input, and the
// HTTP schemas reuse these for validation and OpenAPI.
import { z } from 'zod';
import { InvalidError } from '../errors.js';
import { mediaTooLarge } from './media.rules.js';

const mimetypeSchema = z
  .string()
  .max(255, { abort: true })
  .regex(/^[A-Za-z0-9][\w.+-]*\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"]*"|[\w.+-]+))*\s*$/, 'must be a MIME type like image/png')
  .describe('MIME type; checked against the bytes (magic numbers)')
  .meta({ examples: ['image/png'] });

export const fileNameSchema = z
  .string()
  .min(1)
  .max(255, { abort: true })
  .regex(/^[^\u0000-\u001f\u007f/\\]+$/, 'must be a plain file name (no path, no control characters)')
  .describe('File name shown to recipients of a document')
  .meta({ examples: ['invoice.pdf'] });

/** `POST /v1/media` with a JSON body. */
export const uploadBase64Schema = z.strictObject({
  base64: z
    .string()
    .min(1)
    .describe('The file, base64 (plain or a data URL `data:image/png;base64,…`)')
    .meta({ examples: ['data:image/png;base64,iVBORw0KGgo…'] }),
  mimetype: mimetypeSchema.optional().describe('The type you claim; overrides a data URL type. Checked against the bytes'),
  file_name: fileNameSchema.optional(),
});
export type UploadBase64Input = z.input<typeof uploadBase64Schema>;

/** Decodes standard or URL-safe base64. */
export function decodeBase64(v: string): Buffer {
  return Buffer.from(v.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
}

// Strings in, checked here; the service decodes them (no transform, so the same schema validates
// the HTTP body and, again, the core's input).
const base64Bytes = (what: string, length: number) =>
  z
    .string()
    .min(1)
    .max(1024, { abort: true })
    .refine((v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && decodeBase64(v).length === length, `${what} must be ${length} bytes, base64`);

/** Base64 characters decoded per step (a multiple of 4): about 768 KB of bytes. */
const BASE64_STEP = 1 << 20;

/**
 * An upload's `base64` (plain or a data URL) as a stream of decoded chunks, and the data URL's
 * type. Decoding a large string at once held the event loop for hundreds of milliseconds and a
 * second copy of the file in memory; here each step checks and decodes one slice, then yields, and
 * the chunks stream to disk. Throws 400/413 naming `base64` (up front for the size, or from the
 * stream at the first bad character).
 */
export function decodeBase64Upload(text: string, maxBytes: number): { chunks: AsyncIterable<Buffer>; dataUrlType: string | null } {
  const m = /^data:([^;,]*)((?:;[^;,]*)*?);base64,/i.exec(text.slice(0, 1024));
  const start = m ? m[0].length : 0;
  const bad = () => new InvalidError('base64: must be base64 or a data URL (data:<type>;base64,<data>)', { field: 'base64' });
  if (text.length - start === 0) throw bad();
  if (Math.floor(((text.length - start) * 3) / 4) > maxBytes + 3 + Math.ceil((text.length - start) / 64)) throw mediaTooLarge('base64', maxBytes);
  async function* chunks(): AsyncGenerator<Buffer> {
    let carry = '';
    for (let at = start; at < text.length; at += BASE64_STEP) {
      const last = at + BASE64_STEP >= text.length;
      const slice = carry + text.slice(at, at + BASE64_STEP).replace(/\s+/g, '');
      if (!(last ? /^[A-Za-z0-9+/_-]*={0,2}$/ : /^[A-Za-z0-9+/_-]*$/).test(slice)) throw bad();
      const whole = last ? slice.length : slice.length - (slice.length % 4);
      carry = slice.slice(whole);
      if (whole > 0) yield decodeBase64(slice.slice(0, whole));
      if (!last) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { chunks: chunks(), dataUrlType: m?.[1] ? `${m[1]}${m[2] ?? ''}` : null };
}

export const WA_MEDIA_TYPES = ['image', 'video', 'audio', 'document', 'sticker'] as const;

/** `POST /v1/media/decrypt`: a media message payload as WhatsApp delivers it. */
export const decryptMediaSchema = z
  .strictObject({
    type: z.enum(WA_MEDIA_TYPES).describe('Which media message it is (imageMessage → image, …); selects the key derivation'),
    url: z.string().max(4096).url().optional().describe('The encrypted file URL (`url` of the media message)'),
    direct_path: z.string().max(4096, { abort: true }).regex(/^\//, 'must start with /').optional().describe('`directPath` of the media message (used with the WhatsApp media host when no url is given)'),
    media_key: base64Bytes('media_key', 32).describe('`mediaKey`, base64 (32 bytes)'),
    mimetype: mimetypeSchema.optional(),
    file_sha256: base64Bytes('file_sha256', 32).optional().describe('`fileSha256`, base64: checked against the decrypted file'),
    file_enc_sha256: base64Bytes('file_enc_sha256', 32).optional().describe('`fileEncSha256`, base64: checked against the downloaded file'),
    file_name: fileNameSchema.optional(),
  })
  .refine((v) => v.url !== undefined || v.direct_path !== undefined, { message: 'url or direct_path is required', path: ['url'] });
export type DecryptMediaInput = z.input<typeof decryptMediaSchema>;

export const mediaIdSchema = z.string().regex(/^med_[0-9a-f]{32}$/, 'must be a media id (med_…)');

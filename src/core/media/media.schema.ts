// Input rules for media operations, written once with zod: the core re-checks every input, and the
// HTTP schemas reuse these for validation and OpenAPI.
import { z } from 'zod';

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

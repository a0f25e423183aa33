// /v1 request shapes for media (validation + OpenAPI), and their translation to the core's
// commands (UploadBase64, DecryptMedia).
import { z } from 'zod';
import { decodeBase64 } from '../../../core/media/media.rules.js';
import { MEDIA_KINDS, type DecryptMedia, type UploadBase64 } from '../../../core/media/media.types.js';

const mimetypeSchema = z
  .string()
  .max(255, { abort: true })
  .regex(
    /^[A-Za-z0-9][\w.+-]*\/[\w.+-]+(\s*;\s*[\w.+-]+=("[^"]*"|[\w.+-]+))*\s*$/,
    'must be a MIME type like image/png',
  )
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
  mimetype: mimetypeSchema
    .optional()
    .describe('The type you claim; overrides a data URL type. Checked against the bytes'),
  file_name: fileNameSchema.optional(),
});
export type UploadBase64Input = z.input<typeof uploadBase64Schema>;

// Strings in, checked here; the service decodes them (no transform, so the same schema validates
// the HTTP body and, again, the core's input).
const base64Bytes = (what: string, length: number) =>
  z
    .string()
    .min(1)
    .max(1024, { abort: true })
    .refine(
      (v) => /^[A-Za-z0-9+/_-]+={0,2}$/.test(v) && decodeBase64(v).length === length,
      `${what} must be ${length} bytes, base64`,
    );

/** `POST /v1/media/decrypt`: a media message payload as WhatsApp delivers it. */
export const decryptMediaSchema = z
  .strictObject({
    type: z
      .enum(MEDIA_KINDS)
      .describe('Which media message it is (imageMessage → image, …); selects the key derivation'),
    url: z.string().max(4096).url().optional().describe('The encrypted file URL (`url` of the media message)'),
    direct_path: z
      .string()
      .max(4096, { abort: true })
      .regex(/^\//, 'must start with /')
      .optional()
      .describe('`directPath` of the media message (used with the WhatsApp media host when no url is given)'),
    media_key: base64Bytes('media_key', 32).describe('`mediaKey`, base64 (32 bytes)'),
    mimetype: mimetypeSchema.optional(),
    file_sha256: base64Bytes('file_sha256', 32)
      .optional()
      .describe('`fileSha256`, base64: checked against the decrypted file'),
    file_enc_sha256: base64Bytes('file_enc_sha256', 32)
      .optional()
      .describe('`fileEncSha256`, base64: checked against the downloaded file'),
    file_name: fileNameSchema.optional(),
  })
  .refine((v) => v.url !== undefined || v.direct_path !== undefined, {
    message: 'url or direct_path is required',
    path: ['url'],
  });
export type DecryptMediaInput = z.input<typeof decryptMediaSchema>;

export const mediaIdSchema = z.string().regex(/^med_[0-9a-f]{32}$/, 'must be a media id (med_…)');

export function toUploadBase64(body: z.output<typeof uploadBase64Schema>): UploadBase64 {
  return {
    base64: body.base64,
    ...(body.mimetype !== undefined ? { mimetype: body.mimetype } : {}),
    ...(body.file_name !== undefined ? { fileName: body.file_name } : {}),
  };
}

export function toDecryptMedia(body: z.output<typeof decryptMediaSchema>): DecryptMedia {
  const optional = {
    url: body.url,
    directPath: body.direct_path,
    mimetype: body.mimetype,
    fileSha256: body.file_sha256,
    fileEncSha256: body.file_enc_sha256,
    fileName: body.file_name,
  };
  const present = Object.fromEntries(
    Object.entries(optional).filter(([, v]) => v !== undefined),
  ) as Partial<DecryptMedia>;
  return { type: body.type, mediaKey: body.media_key, ...present };
}

/** Core field names of media commands → /v1 names. */
export const MEDIA_FIELDS: Record<string, string> = {
  fileName: 'file_name',
  directPath: 'direct_path',
  mediaKey: 'media_key',
  fileSha256: 'file_sha256',
  fileEncSha256: 'file_enc_sha256',
};

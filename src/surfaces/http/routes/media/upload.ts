// POST /v1/media — media.upload
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { MAX_MEDIA_BYTES } from '../../../../core/media/media.rules.js';
import { fileNameSchema, MEDIA_FIELDS, toUploadBase64, uploadBase64Schema } from '../../v1/media.schema.js';
import { inV1Terms, renameFields } from '../../v1/field-names.js';
import { parseInput } from '../../../../core/validate.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { mediaResponseSchema, requestOrigin, toMediaJson } from '../../schemas/media.js';

/** A JSON body carries base64 (plus headroom for the JSON around it); anything else is the file itself. */
export const MEDIA_JSON_BODY_LIMIT = Math.ceil((MAX_MEDIA_BYTES * 4) / 3) + 64 * 1024;

export const mediaUploadQuery = z.object({
  file_name: fileNameSchema.optional().describe('File name for a raw-body upload (JSON bodies use `file_name` in the body)'),
});
export type MediaUploadBody = z.input<typeof uploadBase64Schema>;
export type MediaUploadResponse = z.infer<typeof mediaResponseSchema>;

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\b/i.test(contentType ?? '');
}

export function registerMediaUpload(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/media', {
    bodyLimit: MEDIA_JSON_BODY_LIMIT,
    schema: {
      operationId: 'media.upload',
      tags: ['media'],
      summary: 'Upload a media file',
      description:
        'Either the file itself as the body, with its Content-Type (`image/jpeg`, …; `application/octet-stream` if unknown), ' +
        'or JSON `{base64, mimetype?, file_name?}` where base64 is plain or a data URL. The type is checked by magic numbers: ' +
        'a claim the bytes contradict is refused (400 MEDIA_TYPE_MISMATCH). Limits: documents 100 MB, images 16 MB, video 50 MB, ' +
        'audio 16 MB, stickers 5 MB (413 MEDIA_TOO_LARGE). The file expires after 24 h by default; send it with `media_id`.',
      querystring: mediaUploadQuery,
      response: { 201: mediaResponseSchema, ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const scope = getScope(req);
      const contentType = req.headers['content-type'];
      const length = Number(req.headers['content-length']);
      const media = isJson(contentType)
        ? await inV1Terms(services.media.uploadBase64(scope, toUploadBase64(parseInput(uploadBase64Schema, req.body))), renameFields(MEDIA_FIELDS))
        : await services.media.uploadRaw(scope, {
            body: req.body as Readable,
            contentType: contentType ?? null,
            fileName: req.query.file_name ?? null,
            declaredLength: Number.isFinite(length) ? length : null,
          });
      return reply.code(201).send({ media: toMediaJson(services.media.view(media, requestOrigin(req))) });
    },
  });
}

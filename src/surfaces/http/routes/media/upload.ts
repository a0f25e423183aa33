// POST /v1/media — media.upload: the file as the raw body, as a multipart/form-data file part, or
// as JSON base64. Raw and multipart bodies stream to disk; a JSON body is parsed in memory, so its
// limit is kept small (MEDIA_JSON_BODY_LIMIT) and larger files go raw or multipart. Uploads take a
// slot first (uploadSlots), before any body byte is read.
import multipart from '@fastify/multipart';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { InvalidError } from '../../../../core/errors.js';
import { MAX_MEDIA_BYTES } from '../../../../core/media/media.rules.js';
import { fileNameSchema, MEDIA_FIELDS, toUploadBase64, uploadBase64Schema } from '../../v1/media.schema.js';
import { inV1Terms, renameFields } from '../../v1/field-names.js';
import { parseInput } from '../../../../core/validate.js';
import type { MediaService } from '../../../../core/media/media.service.js';
import type { CoreServices } from '../../../../core/services.js';
import type { Scope } from '../../../../core/tokens/scope.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { mediaResponseSchema, requestOrigin, toMediaJson } from '../../schemas/media.js';

/**
 * A JSON body is held in memory several times over while it is parsed and decoded (text, parsed
 * string, decoded bytes), so it is capped at 24 MiB (files up to 18 MB: every image, audio and
 * sticker); bigger files are uploaded raw or as multipart, which stream to disk.
 */
export const MEDIA_JSON_BODY_LIMIT = 24 * 1024 * 1024;

export const mediaUploadQuery = z.object({
  file_name: fileNameSchema
    .optional()
    .describe('File name for a raw-body upload (JSON bodies use `file_name` in the body)'),
});
export type MediaUploadBody = z.input<typeof uploadBase64Schema>;
export type MediaUploadResponse = z.infer<typeof mediaResponseSchema>;

function isJson(contentType: string | undefined): boolean {
  return /^application\/json\b/i.test(contentType ?? '');
}

function isMultipart(contentType: string | undefined): boolean {
  return /^multipart\/form-data\b/i.test(contentType ?? '');
}

/** The first file part of a multipart body (form field `file`, or any file field). */
async function uploadMultipart(media: MediaService, scope: Scope, req: FastifyRequest) {
  const part = await req.file();
  if (!part) throw new InvalidError('file: the multipart body has no file part', { field: 'file' });
  return media.uploadRaw(scope, {
    body: part.file,
    contentType: part.mimetype || null,
    fileName: (req.query as { file_name?: string }).file_name ?? (part.filename || null),
  });
}

export async function registerMediaUpload(
  app: FastifyInstance,
  services: CoreServices,
  takeSlot: (req: FastifyRequest, reply: FastifyReply) => Promise<void>,
): Promise<void> {
  // Only in this (media) context. One file per request; the size rules are the media service's.
  await app.register(multipart, {
    limits: { files: 1, fileSize: MAX_MEDIA_BYTES + 1, fields: 10, fieldSize: 1024, parts: 20, headerPairs: 100 },
  });
  app.withTypeProvider<ZodTypeProvider>().post('/media', {
    bodyLimit: MEDIA_JSON_BODY_LIMIT,
    onRequest: takeSlot,
    schema: {
      operationId: 'media.upload',
      tags: ['media'],
      summary: 'Upload a media file',
      description:
        'The file itself as the body, with its Content-Type (`image/jpeg`, …; `application/octet-stream` if unknown); ' +
        'or `multipart/form-data` with the file in a file part (its Content-Type and file name are used); ' +
        'or JSON `{base64, mimetype?, file_name?}` where base64 is plain or a data URL (JSON bodies up to 24 MiB; send larger files raw or as multipart). ' +
        'The type is checked by magic numbers: a claim the bytes contradict is refused (400 MEDIA_TYPE_MISMATCH). Limits: documents 100 MB, images 16 MB, ' +
        "video 50 MB, audio 16 MB, stickers 5 MB (413 MEDIA_TOO_LARGE); the account's storage quota (403 STORAGE_QUOTA_EXCEEDED); uploads in progress " +
        'at once (429 UPLOADS_BUSY). The file expires after 24 h by default; send it with `media_id`.',
      querystring: mediaUploadQuery,
      response: { 201: mediaResponseSchema, ...errorResponses(...commonErrors, 403, 429) },
    },
    handler: async (req, reply) => {
      const scope = getScope(req);
      const contentType = req.headers['content-type'];
      const length = Number(req.headers['content-length']);
      let media;
      if (isJson(contentType)) {
        media = await inV1Terms(
          services.media.uploadBase64(scope, toUploadBase64(parseInput(uploadBase64Schema, req.body))),
          renameFields(MEDIA_FIELDS),
        );
      } else if (isMultipart(contentType)) media = await uploadMultipart(services.media, scope, req);
      else {
        const body = req.body as Readable | undefined;
        if (!body || typeof (body as Partial<Readable>).pipe !== 'function') {
          throw new InvalidError(
            'body: send the file as the request body (with its Content-Type), as multipart/form-data, or as JSON {base64}',
            { field: 'body' },
          );
        }
        media = await services.media.uploadRaw(scope, {
          body,
          contentType: contentType ?? null,
          fileName: req.query.file_name ?? null,
          declaredLength: Number.isFinite(length) ? length : null,
        });
      }
      return reply.code(201).send({ media: toMediaJson(services.media.view(media, requestOrigin(req))) });
    },
  });
}

// POST /v1/media/decrypt — media.decrypt (WasenderApi's decrypt-media, canonical form)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { decryptMediaSchema, MEDIA_FIELDS, toDecryptMedia } from '../../v1/media.schema.js';
import { inV1Terms, renameFields } from '../../v1/field-names.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { mediaResponseSchema, requestOrigin, toMediaJson } from '../../schemas/media.js';

export type MediaDecryptBody = z.input<typeof decryptMediaSchema>;
export type MediaDecryptResponse = z.infer<typeof mediaResponseSchema>;

export function registerMediaDecrypt(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/media/decrypt', {
    schema: {
      operationId: 'media.decrypt',
      tags: ['media'],
      summary: 'Download and decrypt the media of a WhatsApp message',
      description:
        'Give the fields of an image/video/audio/document/sticker message (as in `raw` of a received message): ' +
        'the encrypted file is downloaded, its MAC and hashes checked, decrypted and stored like an upload. ' +
        '400 MEDIA_INTEGRITY_FAILED when the key, type or file do not match.',
      body: decryptMediaSchema,
      response: { 201: mediaResponseSchema, ...errorResponses(...commonErrors, 502) },
    },
    handler: async (req, reply) => {
      const media = await inV1Terms(
        services.media.decrypt(getScope(req), toDecryptMedia(req.body)),
        renameFields(MEDIA_FIELDS),
      );
      return reply.code(201).send({ media: toMediaJson(services.media.view(media, requestOrigin(req))) });
    },
  });
}

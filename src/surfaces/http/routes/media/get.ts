// GET /v1/media/{id} — media.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { mediaResponseSchema, requestOrigin, toMediaJson } from '../../schemas/media.js';

export const mediaGetParams = z.object({ id: z.string().min(1).max(100).describe('The media id (`med_…`)') });
export type MediaGetResponse = z.infer<typeof mediaResponseSchema>;

export function registerMediaGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/media/:id', {
    schema: {
      operationId: 'media.get',
      tags: ['media'],
      summary: 'Get stored media (metadata and public URL)',
      params: mediaGetParams,
      response: { 200: mediaResponseSchema, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const media = await services.media.get(getScope(req), req.params.id);
      return { media: toMediaJson(services.media.view(media, requestOrigin(req))) };
    },
  });
}

// GET /v1/messages/{id}/media — media.forMessage: the stored media of a received message
// (downloaded when the session's `download_media` setting is on).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { mediaSchema, requestOrigin, toMediaJson } from '../../schemas/media.js';
import { messageIdParams } from '../messages/params.js';

export const messageMediaParams = messageIdParams;
export const messageMediaResponse = z.object({
  data: z.array(mediaSchema).describe('Newest first; empty while the download runs, when it is off, or after expiry'),
});
export type MessageMediaResponse = z.infer<typeof messageMediaResponse>;

export function registerMessageMedia(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/messages/:id/media', {
    schema: {
      operationId: 'media.forMessage',
      tags: ['media'],
      summary: "A received message's stored media",
      params: messageMediaParams,
      response: { 200: messageMediaResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const scope = getScope(req);
      const message = await services.messages.get(scope, req.params.id); // 404 across accounts and sessions
      const media = await services.media.forMessage(scope, message.id);
      return { data: media.map((m) => toMediaJson(services.media.view(m, requestOrigin(req)))) };
    },
  });
}

// GET /v1/webhooks/{id} — webhooks.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { toWebhookJson, webhookIdParams, webhookSchema, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const webhooksGetResponse = z.object({ webhook: webhookSchema });
export type WebhooksGetResponse = z.infer<typeof webhooksGetResponse>;

export function registerWebhooksGet(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/webhooks/:id', {
    schema: {
      operationId: 'webhooks.get',
      tags: ['webhooks'],
      summary: 'Get a webhook subscription',
      params: webhookIdParams,
      response: { 200: webhooksGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => ({ webhook: toWebhookJson(await services.webhooks.get(getScope(req), req.params.id)) }),
  });
}

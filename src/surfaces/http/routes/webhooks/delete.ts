// DELETE /v1/webhooks/{id} — webhooks.delete
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { webhookIdParams, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export function registerWebhooksDelete(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().delete('/webhooks/:id', {
    schema: {
      operationId: 'webhooks.delete',
      tags: ['webhooks'],
      summary: 'Delete a webhook subscription',
      description: 'Deletes the subscription with its pending deliveries and delivery log.',
      params: webhookIdParams,
      response: { 204: z.null().describe('Deleted'), ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      await services.webhooks.remove(getScope(req), req.params.id);
      return reply.code(204).send(null);
    },
  });
}

// POST /v1/webhooks/{id}/test — webhooks.test
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { eventSchema, toEventJson, webhookIdParams, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const webhooksTestResponse = z.object({ event: eventSchema });
export type WebhooksTestResponse = z.infer<typeof webhooksTestResponse>;

export function registerWebhooksTest(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/webhooks/:id/test', {
    schema: {
      operationId: 'webhooks.test',
      tags: ['webhooks'],
      summary: 'Send a test event',
      description: 'Queues a `webhook.test` event for this subscription only (202); follow it in the delivery log.',
      params: webhookIdParams,
      response: { 202: webhooksTestResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) =>
      reply.code(202).send({ event: toEventJson(await services.webhooks.sendTest(getScope(req), req.params.id)) }),
  });
}

// GET /v1/webhooks/{id}/deliveries — webhooks.deliveries
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { deliverySchema, toDeliveryJson, webhookIdParams, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const webhooksDeliveriesQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20),
  cursor: z
    .string()
    .regex(/^dlv_[0-9a-f]{32}$/)
    .optional()
    .describe('`next_cursor` of the previous page'),
  status: z.enum(['pending', 'delivered', 'dead']).optional(),
});
export const webhooksDeliveriesResponse = z.object({
  data: z.array(deliverySchema),
  next_cursor: z.string().nullable(),
});
export type WebhooksDeliveriesResponse = z.infer<typeof webhooksDeliveriesResponse>;

export function registerWebhooksDeliveries(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/webhooks/:id/deliveries', {
    schema: {
      operationId: 'webhooks.deliveries',
      tags: ['webhooks'],
      summary: 'Delivery log of a webhook',
      description:
        'Newest first; each delivery with every attempt (time, status code, latency, the start of the answer).',
      params: webhookIdParams,
      querystring: webhooksDeliveriesQuery,
      response: { 200: webhooksDeliveriesResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const { limit, cursor, status } = req.query;
      const rows = await services.webhooks.deliveries(getScope(req), req.params.id, {
        limit,
        before: cursor ?? null,
        ...(status ? { status } : {}),
      });
      const last = rows[rows.length - 1];
      return { data: rows.map(toDeliveryJson), next_cursor: rows.length === limit && last ? last.id : null };
    },
  });
}

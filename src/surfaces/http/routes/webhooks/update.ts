// PATCH /v1/webhooks/{id} — webhooks.update
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import {
  toWebhookJson,
  webhookIdParams,
  webhookSchema,
  webhookUpdateBody,
  type WebhookSurfaceServices,
} from '../../schemas/webhook.js';

export const webhooksUpdateResponse = z.object({
  webhook: webhookSchema.extend({ secret: z.string().optional().describe('Present when the secret was replaced') }),
});
export type WebhooksUpdateBody = z.input<typeof webhookUpdateBody>;
export type WebhooksUpdateResponse = z.infer<typeof webhooksUpdateResponse>;

export function registerWebhooksUpdate(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/webhooks/:id', {
    schema: {
      operationId: 'webhooks.update',
      tags: ['webhooks'],
      summary: 'Change a webhook subscription',
      description:
        'Change the URL, events, secret, enabled flag, description or format. Disabling pauses pending deliveries; they resume when enabled.',
      params: webhookIdParams,
      body: webhookUpdateBody,
      response: { 200: webhooksUpdateResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const sub = await services.webhooks.update(getScope(req), req.params.id, req.body);
      return { webhook: { ...toWebhookJson(sub), ...(req.body.secret ? { secret: sub.secret } : {}) } };
    },
  });
}

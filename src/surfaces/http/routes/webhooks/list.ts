// GET /v1/webhooks — webhooks.list (and GET /v1/sessions/{id}/webhooks)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { toWebhookJson, webhookSchema, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const webhooksListResponse = z.object({ data: z.array(webhookSchema) });
export type WebhooksListResponse = z.infer<typeof webhooksListResponse>;

export function registerWebhooksList(app: FastifyInstance, services: WebhookSurfaceServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.get('/webhooks', {
    schema: {
      operationId: 'webhooks.list',
      tags: ['webhooks'],
      summary: 'List webhook subscriptions',
      querystring: z.object({
        session_id: z.string().min(1).max(100).optional().describe('Only subscriptions of this session'),
      }),
      response: { 200: webhooksListResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => ({
      data: (await services.webhooks.list(getScope(req), req.query.session_id ?? null)).map(toWebhookJson),
    }),
  });
  typed.get('/sessions/:id/webhooks', {
    schema: {
      operationId: 'sessions.webhooks.list',
      tags: ['webhooks'],
      summary: "List one session's webhook subscriptions",
      params: z.object({ id: z.string().min(1).max(100) }),
      response: { 200: webhooksListResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => ({ data: (await services.webhooks.list(getScope(req), req.params.id)).map(toWebhookJson) }),
  });
}

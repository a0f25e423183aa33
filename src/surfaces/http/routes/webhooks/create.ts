// POST /v1/webhooks — webhooks.create (and POST /v1/sessions/{id}/webhooks for one session)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import {
  toWebhookJson,
  webhookCreateBody,
  webhookWithSecretSchema,
  type WebhookSurfaceServices,
} from '../../schemas/webhook.js';

export const webhooksCreateResponse = z.object({ webhook: webhookWithSecretSchema });
export type WebhooksCreateBody = z.input<typeof webhookCreateBody>;
export type WebhooksCreateResponse = z.infer<typeof webhooksCreateResponse>;

export function registerWebhooksCreate(app: FastifyInstance, services: WebhookSurfaceServices): void {
  const typed = app.withTypeProvider<ZodTypeProvider>();
  typed.post('/webhooks', {
    schema: {
      operationId: 'webhooks.create',
      tags: ['webhooks'],
      summary: 'Subscribe a URL to events',
      description:
        'Answers 201 with the signing secret (generated when not given); it is not shown again. A session key creates subscriptions for its own session only.',
      body: webhookCreateBody,
      response: { 201: webhooksCreateResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const sub = await services.webhooks.create(getScope(req), req.body);
      return reply.code(201).send({ webhook: { ...toWebhookJson(sub), secret: sub.secret } });
    },
  });
  typed.post('/sessions/:id/webhooks', {
    schema: {
      operationId: 'sessions.webhooks.create',
      tags: ['webhooks'],
      summary: "Subscribe a URL to one session's events",
      params: z.object({ id: z.string().min(1).max(100).describe('The session id or name') }),
      body: webhookCreateBody.omit({ session_id: true }),
      response: { 201: webhooksCreateResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const sub = await services.webhooks.create(getScope(req), { ...req.body, session_id: req.params.id });
      return reply.code(201).send({ webhook: { ...toWebhookJson(sub), secret: sub.secret } });
    },
  });
}

// GET /v1/events/{id} — events.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { eventIdParams, eventSchema, toEventJson, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const eventsGetResponse = z.object({ event: eventSchema });
export type EventsGetResponse = z.infer<typeof eventsGetResponse>;

export function registerEventsGet(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/events/:id', {
    schema: {
      operationId: 'events.get',
      tags: ['events'],
      summary: 'Get one event',
      params: eventIdParams,
      response: { 200: eventsGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => ({ event: toEventJson(await services.events.get(getScope(req), req.params.id)) }),
  });
}

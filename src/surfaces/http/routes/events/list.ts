// GET /v1/events/history — events.list: the outbox as pages, for clients that poll instead of streaming
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { eventSchema, toEventJson, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const eventsListQuery = z.object({
  after: z
    .string()
    .regex(/^evt_[0-9a-f]{32}$/)
    .optional()
    .describe('Only events after this one (oldest first)'),
  session_id: z.string().min(1).max(100).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});
export const eventsListResponse = z.object({ data: z.array(eventSchema), next_after: z.string().nullable() });
export type EventsListResponse = z.infer<typeof eventsListResponse>;

export function registerEventsList(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/events/history', {
    schema: {
      operationId: 'events.list',
      tags: ['events'],
      summary: 'Stored events, oldest first',
      querystring: eventsListQuery,
      response: { 200: eventsListResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const { after, session_id, limit } = req.query;
      const events = await services.events.list(getScope(req), {
        after: after ?? null,
        sessionId: session_id ?? null,
        limit,
      });
      const last = events[events.length - 1];
      return { data: events.map(toEventJson), next_after: last ? last.id : (after ?? null) };
    },
  });
}

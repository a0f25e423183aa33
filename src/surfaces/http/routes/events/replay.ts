// POST /v1/events/{id}/replay — events.replay
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { eventIdParams, type WebhookSurfaceServices } from '../../schemas/webhook.js';

export const eventsReplayBody = z
  .object({
    webhook_id: z
      .string()
      .min(1)
      .max(100)
      .optional()
      .describe('Only to this subscription; absent = every matching enabled subscription'),
  })
  .strict()
  .nullish();
export const eventsReplayResponse = z.object({
  event_id: z.string(),
  enqueued: z.number().int().describe('Deliveries queued'),
});
export type EventsReplayResponse = z.infer<typeof eventsReplayResponse>;

export function registerEventsReplay(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/events/:id/replay', {
    schema: {
      operationId: 'events.replay',
      tags: ['events'],
      summary: 'Deliver an event again',
      description: 'Queues a new delivery of a stored event; receivers see the same webhook-id as the first time.',
      params: eventIdParams,
      body: eventsReplayBody,
      response: { 202: eventsReplayResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const { event, enqueued } = await services.webhooks.replayEvent(
        getScope(req),
        req.params.id,
        req.body?.webhook_id ?? null,
      );
      return reply.code(202).send({ event_id: event.id, enqueued });
    },
  });
}

// POST /v1/events/replay — events.replayRange
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import type { WebhookSurfaceServices } from '../../schemas/webhook.js';

export const eventsReplayRangeBody = z
  .object({
    from: z.iso.datetime({ offset: true }).describe('Start of the range (inclusive), ISO 8601'),
    to: z.iso.datetime({ offset: true }).describe('End of the range (exclusive), ISO 8601'),
    session_id: z.string().min(1).max(100).optional(),
    webhook_id: z.string().min(1).max(100).optional().describe('Only to this subscription'),
  })
  .strict();
export const eventsReplayRangeResponse = z.object({ events: z.number().int(), enqueued: z.number().int() });
export type EventsReplayRangeResponse = z.infer<typeof eventsReplayRangeResponse>;

export function registerEventsReplayRange(app: FastifyInstance, services: WebhookSurfaceServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/events/replay', {
    schema: {
      operationId: 'events.replayRange',
      tags: ['events'],
      summary: 'Deliver every event of a time range again',
      description: 'At most 10 000 events per call (REPLAY_TOO_LARGE beyond). Receivers see the original webhook-ids.',
      body: eventsReplayRangeBody,
      response: { 202: eventsReplayRangeResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const { from, to, session_id, webhook_id } = req.body;
      const result = await services.webhooks.replayRange(getScope(req), {
        from: new Date(from),
        to: new Date(to),
        session_id: session_id ?? null,
        subscription_id: webhook_id ?? null,
      });
      return reply.code(202).send(result);
    },
  });
}

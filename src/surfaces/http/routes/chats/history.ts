// POST /v1/sessions/{id}/chats/{chat}/history (chats.history): ask the phone for older messages of
// the chat than wagate holds (WhatsApp's on-demand history sync). Answered 202 once the request is
// sent; the messages are stored and announced by a messages.history event naming the request id.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { HISTORY_MAX_COUNT } from '../../../../core/chats/chat-history.service.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const params = sessionIdParamsSchema.extend({
  chat: z.string().min(1).max(128).describe('A phone number, or a chat JID (person, group, LID)'),
});

const historyRequestSchema = z
  .object({
    id: z.string().describe('Named as request_id by the messages.history event that brings the messages'),
    chat: z.string().describe('The chat JID'),
    count: z.number().int(),
    before: z
      .string()
      .nullable()
      .describe('WhatsApp id of the oldest stored message the phone answers from; null: none stored'),
  })
  .meta({ id: 'HistoryRequest' });

export function registerChatsHistory(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/chats/:chat/history', {
    schema: {
      operationId: 'chats.history',
      tags: ['chats'],
      summary: 'Fetch older messages of a chat from the phone',
      description:
        'Asks the linked phone for up to `count` messages of the chat older than the oldest wagate stored. ' +
        'They arrive later: stored (GET …/messages?chat=) and announced by one `messages.history` event per batch.',
      params,
      body: z
        .object({
          count: z
            .number()
            .int()
            .min(1)
            .max(HISTORY_MAX_COUNT)
            .default(HISTORY_MAX_COUNT)
            .describe(`Messages at most (1–${HISTORY_MAX_COUNT})`)
            .meta({ example: 20 }),
        })
        .default({ count: HISTORY_MAX_COUNT }),
      response: { 202: z.object({ request: historyRequestSchema }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const r = await services.chatHistory.request(getScope(req), req.params.id, req.params.chat, req.body.count);
      return reply.code(202).send({ request: { id: r.requestId, chat: r.chat, count: r.count, before: r.before } });
    },
  });
}

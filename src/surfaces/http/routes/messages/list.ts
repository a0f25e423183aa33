// GET /v1/sessions/{id}/messages — messages.list
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { listMessagesSchema, toMessageListQuery } from '../../v1/message.schema.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const messagesListResponse = z.object({ data: z.array(messageSchema), next_cursor: z.string().nullable() });
export type MessagesListResponse = z.infer<typeof messagesListResponse>;

export function registerMessagesList(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/messages', {
    schema: {
      operationId: 'messages.list',
      tags: ['messages'],
      summary: "List a session's messages",
      description:
        'Sent and received messages, newest first. Filter by `direction` (in/out) and `chat` (phone or JID).',
      params: sessionIdParamsSchema,
      querystring: listMessagesSchema,
      response: { 200: messagesListResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const page = await services.messages.list(getScope(req), req.params.id, toMessageListQuery(req.query));
      return { data: page.data.map(toMessageJson), next_cursor: page.nextCursor };
    },
  });
}

// POST /v1/messages/{id}/forward — messages.forward
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { forwardSchema } from '../../v1/message-actions.schema.js';
import { normalizeChatId } from '../../../../core/chats/chat-id.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesForwardBody = forwardSchema;
export const messagesForwardResponse = z.object({ message: messageSchema.describe('The new, queued message') });
export type MessagesForwardResponse = z.infer<typeof messagesForwardResponse>;

export function registerMessagesForward(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/messages/:id/forward', {
    schema: {
      operationId: 'messages.forward',
      tags: ['messages'],
      summary: 'Forward a message',
      description:
        'Queues a copy of a sent or received message to `to` from the same session, labelled "forwarded" as WhatsApp does. Answers 202 with the new message.',
      params: messageIdParams,
      body: messagesForwardBody,
      response: { 202: messagesForwardResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const { message } = await services.messageActions.forward(
        getScope(req),
        req.params.id,
        normalizeChatId(req.body.to, 'to'),
      );
      return reply.code(202).send({ message: toMessageJson(message) });
    },
  });
}

// POST /v1/messages/{id}/reactions — messages.react
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { reactSchema } from '../../v1/message-actions.schema.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesReactBody = reactSchema;
export const messagesReactResponse = z.object({ message: messageSchema });
export type MessagesReactResponse = z.infer<typeof messagesReactResponse>;

export function registerMessagesReact(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/messages/:id/reactions', {
    schema: {
      operationId: 'messages.react',
      tags: ['messages'],
      summary: 'React to a message (or remove our reaction)',
      description: 'Sets our reaction on a sent or received message to one emoji; `""` removes it.',
      params: messageIdParams,
      body: messagesReactBody,
      response: { 200: messagesReactResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      message: toMessageJson(await services.messageActions.react(getScope(req), req.params.id, req.body.emoji)),
    }),
  });
}

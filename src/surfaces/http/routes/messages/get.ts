// GET /v1/messages/{id} — messages.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageEventSchema, messageSchema, toMessageEventJson, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesGetParams = messageIdParams;
export const messagesGetResponse = z.object({
  message: messageSchema.extend({ events: z.array(messageEventSchema).describe('Status history, oldest first') }),
});
export type MessagesGetResponse = z.infer<typeof messagesGetResponse>;

export function registerMessagesGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/messages/:id', {
    schema: {
      operationId: 'messages.get',
      tags: ['messages'],
      summary: 'Get a message with its status history',
      params: messagesGetParams,
      response: { 200: messagesGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const m = await services.messages.get(getScope(req), req.params.id);
      return { message: { ...toMessageJson(m), events: m.events.map(toMessageEventJson) } };
    },
  });
}

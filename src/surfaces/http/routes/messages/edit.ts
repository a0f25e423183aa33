// PATCH /v1/messages/{id} — messages.edit
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { editMessageSchema } from '../../v1/message-actions.schema.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesEditBody = editMessageSchema;
export const messagesEditResponse = z.object({ message: messageSchema });
export type MessagesEditResponse = z.infer<typeof messagesEditResponse>;

export function registerMessagesEdit(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/messages/:id', {
    schema: {
      operationId: 'messages.edit',
      tags: ['messages'],
      summary: 'Edit the text of a sent message',
      description:
        'Replaces the text of one of our sent text messages, for everyone (WhatsApp allows it for 15 minutes). 409 MESSAGE_NOT_EDITABLE otherwise.',
      params: messageIdParams,
      body: messagesEditBody,
      response: { 200: messagesEditResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      message: toMessageJson(await services.messageActions.edit(getScope(req), req.params.id, req.body.text)),
    }),
  });
}

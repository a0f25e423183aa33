// DELETE /v1/messages/{id} — messages.revoke
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesRevokeResponse = z.object({ message: messageSchema });
export type MessagesRevokeResponse = z.infer<typeof messagesRevokeResponse>;

export function registerMessagesRevoke(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().delete('/messages/:id', {
    schema: {
      operationId: 'messages.revoke',
      tags: ['messages'],
      summary: 'Delete a message for everyone',
      description:
        "Revokes one of our messages for everyone (or, in a group where we are admin, someone else's). The message stays in our store with `revoked_at` set.",
      params: messageIdParams,
      response: { 200: messagesRevokeResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      message: toMessageJson(await services.messageActions.revoke(getScope(req), req.params.id)),
    }),
  });
}

// POST /v1/sessions/{id}/messages/read — messages.markRead
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { markReadFieldNames, markReadSchema, toMarkRead } from '../../v1/message-actions.schema.js';
import { inV1Terms } from '../../v1/field-names.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const messagesMarkReadBody = markReadSchema;
export const messagesMarkReadResponse = z.object({
  read: z.number().int().describe('How many messages were marked read'),
});
export type MessagesMarkReadResponse = z.infer<typeof messagesMarkReadResponse>;

export function registerMessagesMarkRead(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/messages/read', {
    schema: {
      operationId: 'messages.markRead',
      tags: ['messages'],
      summary: 'Mark received messages read',
      description:
        'Sends read receipts (blue ticks) for received messages, named by our ids (`message_ids`) or by WhatsApp keys as webhooks carry them (`keys`).',
      params: sessionIdParamsSchema,
      body: messagesMarkReadBody,
      response: { 200: messagesMarkReadResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) =>
      inV1Terms(
        services.messageActions.markRead(getScope(req), req.params.id, toMarkRead(req.body)),
        markReadFieldNames,
      ),
  });
}

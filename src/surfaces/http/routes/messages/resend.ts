// POST /v1/messages/{id}/resend — messages.resend
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesResendResponse = z.object({ message: messageSchema });
export type MessagesResendResponse = z.infer<typeof messagesResendResponse>;

export function registerMessagesResend(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/messages/:id/resend', {
    schema: {
      operationId: 'messages.resend',
      tags: ['messages'],
      summary: 'Resend a failed message',
      description:
        'Puts a `failed` message back in the queue (status `queued`) with the same WhatsApp id, so the recipient sees it at most once. 409 MESSAGE_NOT_FAILED for any other status.',
      params: messageIdParams,
      response: { 202: messagesResendResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) =>
      reply
        .code(202)
        .send({ message: toMessageJson(await services.messageActions.resend(getScope(req), req.params.id)) }),
  });
}

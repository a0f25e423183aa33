// POST /v1/sessions/{id}/messages — messages.send
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { idempotencyKeySchema, sendFieldNames, sendMessageSchema, toSendMessage } from '../../v1/message.schema.js';
import { inV1Terms } from '../../v1/field-names.js';
import { parseInput } from '../../../../core/validate.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { setSendQuotaHeaders } from '../../plugins/rate-limit.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const messagesSendBody = sendMessageSchema;
export const messagesSendHeaders = z.object({
  'idempotency-key': z
    .string()
    .optional()
    .describe('Makes the send safe to retry: the same key on the same session returns the same message, sent once'),
});
export const messagesSendResponse = z.object({ message: messageSchema });
export type MessagesSendBody = z.input<typeof messagesSendBody>;
export type MessagesSendResponse = z.infer<typeof messagesSendResponse>;

export function registerMessagesSend(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/messages', {
    schema: {
      operationId: 'messages.send',
      tags: ['messages'],
      summary: 'Send a message',
      description:
        'Validates and stores the message as `queued`, then answers 202; the session sends it in order. ' +
        'Its status then moves through sent, delivered, read (or failed with a reason). 409 SESSION_NOT_CONNECTED when the session is not connected.',
      params: sessionIdParamsSchema,
      headers: messagesSendHeaders,
      body: messagesSendBody,
      response: { 202: messagesSendResponse, 200: messagesSendResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const header = req.headers['idempotency-key'];
      const key = header === undefined ? undefined : parseInput(idempotencyKeySchema, header, 'Idempotency-Key');
      const send = services.messages.send(getScope(req), req.params.id, toSendMessage(req.body, key));
      const { message, replayed, quota } = await inV1Terms(send, sendFieldNames(req.body));
      if (replayed) reply.header('idempotent-replayed', 'true');
      if (quota) setSendQuotaHeaders(reply, quota);
      return reply.code(202).send({ message: toMessageJson(message) });
    },
  });
}

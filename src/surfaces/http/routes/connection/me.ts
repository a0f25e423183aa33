// GET /v1/sessions/{id}/me — sessions.me: the linked WhatsApp account.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsMeResponse = z.object({
  me: z.object({
    jid: z
      .string()
      .describe('Phone-number JID')
      .meta({ examples: ['14155550123@s.whatsapp.net'] }),
    lid: z.string().nullable().describe('LID of the account, when known'),
    push_name: z.string().nullable().describe('Display name set on the phone'),
    phone_number: z.string().nullable(),
  }),
});
export type SessionsMeResponse = z.infer<typeof sessionsMeResponse>;

export function registerSessionsMe(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/me', {
    schema: {
      operationId: 'sessions.me',
      tags: ['sessions'],
      summary: 'The linked WhatsApp account',
      description: '409 SESSION_NOT_LINKED until the session has been linked once.',
      params: sessionIdParamsSchema,
      response: { 200: sessionsMeResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => {
      const me = await services.connections.me(getScope(req), req.params.id);
      return { me: { jid: me.jid, lid: me.lid, push_name: me.pushName, phone_number: me.phoneNumber } };
    },
  });
}

// POST /v1/sessions/{id}/disconnect — sessions.disconnect
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsDisconnectResponse = z.object({ session: sessionSchema });
export type SessionsDisconnectResponse = z.infer<typeof sessionsDisconnectResponse>;

export function registerSessionsDisconnect(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/disconnect', {
    schema: {
      operationId: 'sessions.disconnect',
      tags: ['sessions'],
      summary: 'Disconnect (keep credentials)',
      description:
        'Closes the WhatsApp connection and keeps the credentials, so connect reconnects without a new scan.',
      params: sessionIdParamsSchema,
      response: { 202: sessionsDisconnectResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const session = await services.connections.disconnect(getScope(req), req.params.id);
      return reply.code(202).send({ session: toSessionJson(session) });
    },
  });
}

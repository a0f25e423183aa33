// POST /v1/sessions/{id}/restart — sessions.restart
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsRestartResponse = z.object({ session: sessionSchema });
export type SessionsRestartResponse = z.infer<typeof sessionsRestartResponse>;

export function registerSessionsRestart(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/restart', {
    schema: {
      operationId: 'sessions.restart',
      tags: ['sessions'],
      summary: 'Restart the connection',
      description: 'Closes and reopens the WhatsApp connection with the stored credentials.',
      params: sessionIdParamsSchema,
      response: { 202: sessionsRestartResponse, ...errorResponses(...commonErrors, 409, 503) },
    },
    handler: async (req, reply) => {
      const session = await services.connections.restart(getScope(req), req.params.id);
      return reply.code(202).send({ session: toSessionJson(session) });
    },
  });
}

// POST /v1/sessions/{id}/logout — sessions.logout
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsLogoutResponse = z.object({ session: sessionSchema });
export type SessionsLogoutResponse = z.infer<typeof sessionsLogoutResponse>;

export function registerSessionsLogout(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/logout', {
    schema: {
      operationId: 'sessions.logout',
      tags: ['sessions'],
      summary: 'Log out (unlink the device)',
      description:
        'Unlinks this device from the phone and wipes the credentials; the session stays and can be linked again.',
      params: sessionIdParamsSchema,
      response: { 202: sessionsLogoutResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const session = await services.connections.logout(getScope(req), req.params.id);
      return reply.code(202).send({ session: toSessionJson(session) });
    },
  });
}

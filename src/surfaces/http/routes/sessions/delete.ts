// DELETE /v1/sessions/{id} — sessions.delete
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsDeleteResponse = z.object({ session: sessionSchema });
export type SessionsDeleteResponse = z.infer<typeof sessionsDeleteResponse>;

export function registerSessionsDelete(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().delete('/sessions/:id', {
    schema: {
      operationId: 'sessions.delete',
      tags: ['sessions'],
      summary: 'Delete a session',
      description:
        'Revokes the session key at once and answers 202 with the session in `pending_deletion`; the session becomes ' +
        '`deleted` when its connection is torn down, and is then 404 (listed only with `?status=deleted`). PAT only.',
      params: sessionIdParamsSchema,
      response: { 202: sessionsDeleteResponse, ...errorResponses(...commonErrors, 403) },
    },
    handler: async (req, reply) => {
      const session = await services.sessions.delete(getScope(req), req.params.id);
      return reply.code(202).send({ session: toSessionJson(session) });
    },
  });
}

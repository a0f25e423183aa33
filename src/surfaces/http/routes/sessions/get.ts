// GET /v1/sessions/{id} — sessions.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsGetResponse = z.object({ session: sessionSchema });
export type SessionsGetResponse = z.infer<typeof sessionsGetResponse>;

export function registerSessionsGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id', {
    schema: {
      operationId: 'sessions.get',
      tags: ['sessions'],
      summary: 'Get a session',
      params: sessionIdParamsSchema,
      response: { 200: sessionsGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const session = await services.sessions.get(getScope(req), req.params.id);
      return {
        session: toSessionJson(session, (await services.connections.holdersOf([session.id])).get(session.id) ?? null),
      };
    },
  });
}

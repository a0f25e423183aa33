// GET /v1/sessions/{id}/logs — sessions.logs
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { pageQuerySchema, sessionIdParamsSchema, sessionLogSchema, toSessionLogJson } from '../../schemas/session.js';

export const sessionsLogsResponse = z.object({ data: z.array(sessionLogSchema), next_cursor: z.string().nullable() });
export type SessionsLogsResponse = z.infer<typeof sessionsLogsResponse>;

export function registerSessionsLogs(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/logs', {
    schema: {
      operationId: 'sessions.logs',
      tags: ['sessions'],
      summary: 'Session lifecycle log',
      description: 'Created, changed, settings changed, status changes, key rotations, deletion. Newest first.',
      params: sessionIdParamsSchema,
      querystring: pageQuerySchema,
      response: { 200: sessionsLogsResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const { limit, cursor } = req.query;
      const page = await services.sessions.logs(getScope(req), req.params.id, { limit, ...(cursor ? { cursor } : {}) });
      return { data: page.data.map(toSessionLogJson), next_cursor: page.nextCursor };
    },
  });
}

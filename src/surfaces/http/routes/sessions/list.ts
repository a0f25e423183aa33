// GET /v1/sessions — sessions.list
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { sessionStatusSchema } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { pageQuerySchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsListQuery = pageQuerySchema.extend({
  status: sessionStatusSchema.optional().describe('Only sessions in this status (`deleted` shows deleted ones)'),
});
export const sessionsListResponse = z.object({
  data: z.array(sessionSchema),
  next_cursor: z.string().nullable().describe('Pass as `cursor` for the next page; null on the last page'),
});
export type SessionsListResponse = z.infer<typeof sessionsListResponse>;

export function registerSessionsList(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions', {
    schema: {
      operationId: 'sessions.list',
      tags: ['sessions'],
      summary: 'List sessions',
      description: 'Newest first. A session key sees only its own session.',
      querystring: sessionsListQuery,
      response: { 200: sessionsListResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const { limit, cursor, status } = req.query;
      const page = await services.sessions.list(getScope(req), {
        limit,
        ...(cursor ? { cursor } : {}),
        ...(status ? { status } : {}),
      });
      const nodes = await services.connections.holdersOf(page.data.map((s) => s.id));
      return { data: page.data.map((s) => toSessionJson(s, nodes.get(s.id) ?? null)), next_cursor: page.nextCursor };
    },
  });
}

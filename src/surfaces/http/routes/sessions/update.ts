// PATCH /v1/sessions/{id} — sessions.update
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { toUpdateSession, updateSessionSchema } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsUpdateBody = updateSessionSchema;
export const sessionsUpdateResponse = z.object({ session: sessionSchema });
export type SessionsUpdateBody = z.input<typeof sessionsUpdateBody>;
export type SessionsUpdateResponse = z.infer<typeof sessionsUpdateResponse>;

export function registerSessionsUpdate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/sessions/:id', {
    schema: {
      operationId: 'sessions.update',
      tags: ['sessions'],
      summary: 'Change a session',
      description:
        'Changes name, label, phone number; `settings` are merged over the current ones. `null` clears a field.',
      params: sessionIdParamsSchema,
      body: sessionsUpdateBody,
      response: { 200: sessionsUpdateResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      session: toSessionJson(await services.sessions.update(getScope(req), req.params.id, toUpdateSession(req.body))),
    }),
  });
}

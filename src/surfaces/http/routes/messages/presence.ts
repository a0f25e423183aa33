// POST /v1/sessions/{id}/presence — sessions.presence
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRESENCES, presenceSchema, toSetPresence } from '../../v1/message-actions.schema.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsPresenceBody = presenceSchema;
export const sessionsPresenceResponse = z.object({ presence: z.enum(PRESENCES), to: z.string().nullable() });
export type SessionsPresenceResponse = z.infer<typeof sessionsPresenceResponse>;

export function registerSessionsPresence(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/presence', {
    schema: {
      operationId: 'sessions.presence',
      tags: ['messages'],
      summary: 'Show typing, recording, paused, or online status',
      description:
        '`composing`, `recording` and `paused` show in the chat `to`; `available` and `unavailable` set the online status.',
      params: sessionIdParamsSchema,
      body: sessionsPresenceBody,
      response: { 200: sessionsPresenceResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => services.messageActions.presence(getScope(req), req.params.id, toSetPresence(req.body)),
  });
}

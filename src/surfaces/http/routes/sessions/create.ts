// POST /v1/sessions — sessions.create
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { createSessionSchema, toCreateSession } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { issuedKeySchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

// nullish: fastify hands `null` when the request has no body; no body means "all defaults".
export const sessionsCreateBody = createSessionSchema.nullish();
export const sessionsCreateResponse = z.object({ session: sessionSchema, session_key: issuedKeySchema });
export type SessionsCreateBody = z.input<typeof sessionsCreateBody>;
export type SessionsCreateResponse = z.infer<typeof sessionsCreateResponse>;

export function registerSessionsCreate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions', {
    schema: {
      operationId: 'sessions.create',
      tags: ['sessions'],
      summary: 'Create a session',
      description:
        'Creates a session (status `disconnected`) and its session key. The raw key is in this response only. PAT only.',
      body: sessionsCreateBody,
      response: { 201: sessionsCreateResponse, ...errorResponses(...commonErrors, 403, 409) },
    },
    handler: async (req, reply) => {
      const { session, sessionKey } = await services.sessions.create(getScope(req), toCreateSession(req.body ?? {}));
      const key = { token: sessionKey.token, fingerprint: sessionKey.fingerprint, created_at: sessionKey.createdAt };
      return reply.code(201).send({ session: toSessionJson(session), session_key: key });
    },
  });
}

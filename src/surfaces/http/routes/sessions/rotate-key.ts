// POST /v1/sessions/{id}/rotate-key — sessions.rotateKey
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { issuedKeySchema, sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsRotateKeyResponse = z.object({
  session_key: issuedKeySchema.extend({
    previous_fingerprint: z.string().nullable().describe('Fingerprint of the key that stopped working'),
  }),
});
export type SessionsRotateKeyResponse = z.infer<typeof sessionsRotateKeyResponse>;

export function registerSessionsRotateKey(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/rotate-key', {
    schema: {
      operationId: 'sessions.rotateKey',
      tags: ['sessions'],
      summary: 'Rotate the session key',
      description:
        'Issues a new session key; the old one is refused from now on. The raw key is in this response only. PAT only.',
      params: sessionIdParamsSchema,
      response: { 200: sessionsRotateKeyResponse, ...errorResponses(...commonErrors, 403, 409) },
    },
    handler: async (req) => {
      const key = await services.sessions.rotateKey(getScope(req), req.params.id);
      return {
        session_key: {
          token: key.token,
          fingerprint: key.fingerprint,
          created_at: key.createdAt,
          previous_fingerprint: key.previousFingerprint,
        },
      };
    },
  });
}

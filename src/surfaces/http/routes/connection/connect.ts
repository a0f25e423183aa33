// POST /v1/sessions/{id}/connect — sessions.connect
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema, sessionSchema, toSessionJson } from '../../schemas/session.js';

export const sessionsConnectResponse = z.object({ session: sessionSchema });
export type SessionsConnectResponse = z.infer<typeof sessionsConnectResponse>;

export function registerSessionsConnect(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/connect', {
    schema: {
      operationId: 'sessions.connect',
      tags: ['sessions'],
      summary: 'Connect (start linking or reconnect)',
      description:
        'Starts the WhatsApp connection: with stored credentials it reconnects, without them it starts linking (then read the QR or ask for a pairing code). Answers 202 at once; follow the status with GET /v1/sessions/{id} or the session.status event.',
      params: sessionIdParamsSchema,
      response: { 202: sessionsConnectResponse, ...errorResponses(...commonErrors, 409, 503) },
    },
    handler: async (req, reply) => {
      const session = await services.connections.connect(getScope(req), req.params.id);
      return reply.code(202).send({ session: toSessionJson(session) });
    },
  });
}

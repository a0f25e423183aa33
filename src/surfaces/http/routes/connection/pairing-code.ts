// POST /v1/sessions/{id}/pairing-code — sessions.pairingCode: link without a camera.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { phoneNumberSchema } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsPairingCodeBody = z.strictObject({ phone_number: phoneNumberSchema });
export const sessionsPairingCodeResponse = z.object({
  code: z
    .string()
    .describe('Enter it on the phone: WhatsApp > Linked devices > Link with phone number')
    .meta({ examples: ['ABCD1234'] }),
});
export type SessionsPairingCodeResponse = z.infer<typeof sessionsPairingCodeResponse>;

export function registerSessionsPairingCode(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/pairing-code', {
    schema: {
      operationId: 'sessions.pairingCode',
      tags: ['sessions'],
      summary: 'Get a pairing code to link the session',
      description:
        'While the session is `need_scan` (after connect), asks WhatsApp for an 8-character code to enter on the phone instead of scanning the QR.',
      params: sessionIdParamsSchema,
      body: sessionsPairingCodeBody,
      response: { 200: sessionsPairingCodeResponse, ...errorResponses(...commonErrors, 409, 503) },
    },
    handler: async (req) => services.connections.pairingCode(getScope(req), req.params.id, req.body.phone_number),
  });
}

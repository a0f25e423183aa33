// GET /v1/sessions/{id}/privacy (privacy.get) and PATCH (privacy.update): who sees our last seen,
// online status, picture, about, read receipts; who may add us to groups, call us, message us.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PRIVACY_VALUES } from '../../../../core/contacts/people.service.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const privacyResponse = z.object({
  settings: z.record(z.string(), z.string()).describe('Category (last, online, profile, status, …) → value'),
});

export const privacyUpdateBody = z
  .object(
    Object.fromEntries(
      Object.entries(PRIVACY_VALUES).map(([k, values]) => [k, z.enum(values as [string, ...string[]])]),
    ) as Record<keyof typeof PRIVACY_VALUES, z.ZodEnum<Record<string, string>>>,
  )
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one setting');

export function registerPrivacyRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = errorResponses(...commonErrors, 409);
  r.get('/sessions/:id/privacy', {
    schema: {
      operationId: 'privacy.get',
      tags: ['contacts'],
      summary: 'Our privacy settings, as WhatsApp has them',
      params: sessionIdParamsSchema,
      response: { 200: privacyResponse, ...errors },
    },
    handler: async (req) => ({ settings: await services.people.privacy(getScope(req), req.params.id) }),
  });
  r.patch('/sessions/:id/privacy', {
    schema: {
      operationId: 'privacy.update',
      tags: ['contacts'],
      summary: 'Change privacy settings',
      params: sessionIdParamsSchema,
      body: privacyUpdateBody,
      response: { 200: privacyResponse, ...errors },
    },
    handler: async (req) => ({
      settings: await services.people.updatePrivacy(getScope(req), req.params.id, req.body as Record<string, string>),
    }),
  });
}

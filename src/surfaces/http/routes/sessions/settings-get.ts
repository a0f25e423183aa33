// GET /v1/sessions/{id}/settings — sessions.settings.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { sessionSettingsSchema } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';
import { publicSettings } from '../../../../core/sessions/proxy-url.js';

export const sessionsSettingsGetResponse = z.object({ settings: sessionSettingsSchema });
export type SessionsSettingsGetResponse = z.infer<typeof sessionsSettingsGetResponse>;

export function registerSessionsSettingsGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/settings', {
    schema: {
      operationId: 'sessions.settings.get',
      tags: ['sessions'],
      summary: 'Get session settings',
      params: sessionIdParamsSchema,
      response: { 200: sessionsSettingsGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => ({
      settings: publicSettings(await services.sessions.getSettings(getScope(req), req.params.id)),
    }),
  });
}

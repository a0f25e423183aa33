// PATCH /v1/sessions/{id}/settings — sessions.settings.update
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { publicSettings } from '../../../../core/sessions/proxy-url.js';
import { sessionSettingsPatchSchema, sessionSettingsSchema } from '../../v1/session.schema.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsSettingsUpdateBody = sessionSettingsPatchSchema;
export const sessionsSettingsUpdateResponse = z.object({ settings: sessionSettingsSchema });
export type SessionsSettingsUpdateBody = z.input<typeof sessionsSettingsUpdateBody>;
export type SessionsSettingsUpdateResponse = z.infer<typeof sessionsSettingsUpdateResponse>;

export function registerSessionsSettingsUpdate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/sessions/:id/settings', {
    schema: {
      operationId: 'sessions.settings.update',
      tags: ['sessions'],
      summary: 'Change session settings',
      description: 'Send any subset of the settings; the rest keep their values.',
      params: sessionIdParamsSchema,
      body: sessionsSettingsUpdateBody,
      response: { 200: sessionsSettingsUpdateResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      settings: publicSettings(await services.sessions.updateSettings(getScope(req), req.params.id, req.body)),
    }),
  });
}

// PATCH /v1/sessions/{id}/profile — profile.update: our own display name, about text and picture.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { pictureBase64, pictureInput } from '../../schemas/picture.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const profileUpdateBody = z
  .object({
    name: z.string().min(1).max(25).describe('Display (push) name'),
    about: z.string().max(139).describe('About text'),
    picture: pictureInput,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one of name, about, picture');

export function registerProfileUpdate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/sessions/:id/profile', {
    schema: {
      operationId: 'profile.update',
      tags: ['contacts'],
      summary: 'Change our own display name, about text or picture',
      params: sessionIdParamsSchema,
      body: profileUpdateBody,
      response: { 200: z.object({ updated: z.array(z.string()) }), ...errorResponses(...commonErrors, 409, 502) },
    },
    handler: async (req) => {
      const { name, about, picture } = req.body;
      const scope = getScope(req);
      await services.people.updateProfile(scope, req.params.id, {
        ...(name !== undefined ? { name } : {}),
        ...(about !== undefined ? { about } : {}),
        ...(picture !== undefined
          ? { pictureBase64: picture === null ? null : await pictureBase64(services, req, req.params.id, picture) }
          : {}),
      });
      return { updated: Object.keys(req.body) };
    },
  });
}

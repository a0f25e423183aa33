// PATCH /v1/sessions/{id}/profile — profile.update: our own display name, about text and picture.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

/** An uploaded picture read into memory for sharp: the same bound as the base64 form (~5 MB). */
const PICTURE_MAX_BYTES = 5_250_000;

export const profileUpdateBody = z
  .object({
    name: z.string().min(1).max(25).describe('Display (push) name'),
    about: z.string().max(139).describe('About text'),
    picture: z
      .union([
        z.object({ base64: z.string().min(1).max(7_000_000).describe('A JPEG or PNG, base64') }).strict(),
        z
          .object({ media_id: z.string().min(1).max(100).describe('An uploaded JPEG or PNG (POST /v1/media)') })
          .strict(),
      ])
      .nullable()
      .describe('null removes the picture'),
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
      response: { 200: z.object({ updated: z.array(z.string()) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => {
      const { name, about, picture } = req.body;
      const scope = getScope(req);
      const pictureBase64 =
        picture && 'media_id' in picture
          ? (await services.media.readImage(scope, picture.media_id, 'picture.media_id', PICTURE_MAX_BYTES)).toString(
              'base64',
            )
          : picture?.base64;
      await services.people.updateProfile(scope, req.params.id, {
        ...(name !== undefined ? { name } : {}),
        ...(about !== undefined ? { about } : {}),
        ...(picture !== undefined ? { pictureBase64: pictureBase64 ?? null } : {}),
      });
      return { updated: Object.keys(req.body) };
    },
  });
}

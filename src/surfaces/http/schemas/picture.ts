// A picture given to /v1 (our profile, a group): inline base64, an uploaded media_id, or a URL that
// the core fetches through its guarded media fetcher; null removes the picture.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { CoreServices } from '../../../core/services.js';
import { getScope } from '../plugins/auth.js';

/** An uploaded or fetched picture read into memory for sharp: the same bound as the base64 form (~5 MB). */
export const PICTURE_MAX_BYTES = 5_250_000;

export const pictureInput = z
  .union([
    z.object({ base64: z.string().min(1).max(7_000_000).describe('A JPEG or PNG, base64') }).strict(),
    z.object({ media_id: z.string().min(1).max(100).describe('An uploaded JPEG or PNG (POST /v1/media)') }).strict(),
    z
      .object({
        url: z
          .string()
          .min(1)
          .max(2048)
          .describe('An http(s) URL of a JPEG or PNG, fetched by wagate (public addresses only)'),
      })
      .strict(),
  ])
  .nullable()
  .describe('null removes the picture');

export type PictureInput = z.infer<typeof pictureInput>;

/**
 * The picture as base64 for the core; media_id and url are read through the media service, once the
 * caller is known to hold `sessionRef` (another account's session is a 404 before any URL is fetched).
 */
export async function pictureBase64(
  services: CoreServices,
  req: FastifyRequest,
  sessionRef: string,
  picture: NonNullable<PictureInput>,
): Promise<string> {
  if ('base64' in picture) return picture.base64;
  const scope = getScope(req);
  await services.sessions.get(scope, sessionRef);
  const bytes =
    'media_id' in picture
      ? await services.media.readImage(scope, picture.media_id, 'picture.media_id', PICTURE_MAX_BYTES)
      : await services.media.readImageFromUrl(scope, picture.url, 'picture', PICTURE_MAX_BYTES);
  return bytes.toString('base64');
}

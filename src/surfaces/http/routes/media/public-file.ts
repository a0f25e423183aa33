// GET /media/{token}.{ext} — the public file URL (no authentication: the random token is the
// credential, as WasenderApi hosts uploads). Served with the stored type and `nosniff`, and in a
// sandbox (CSP) so an uploaded HTML or SVG file cannot run script on our origin.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { errorResponses } from '../../plugins/error-envelope.js';

export const mediaFileParams = z.object({
  file: z.string().min(1).max(100).describe('`<token>.<ext>` from a media `url`'),
});

const INLINE = /^(image\/(jpeg|png|webp|gif)|video\/|audio\/|application\/pdf)/;

export function registerMediaPublicFile(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/media/:file', {
    schema: {
      operationId: 'media.file',
      tags: ['media'],
      summary: 'Download a media file by its public URL',
      params: mediaFileParams,
      response: { 200: z.any().describe('The file'), ...errorResponses(404) },
    },
    handler: async (req, reply) => {
      const { media, stream } = await services.media.openPublic(req.params.file);
      const name = (media.fileName ?? `${media.id}.${media.ext}`).replace(/["\\\r\n]/g, '_');
      const disposition = INLINE.test(media.mimetype) ? 'inline' : 'attachment';
      return reply
        .header('content-type', media.mimetype)
        .header('content-length', media.size)
        .header('x-content-type-options', 'nosniff')
        .header('content-security-policy', "sandbox; default-src 'none'")
        .header('cache-control', 'private, max-age=3600')
        .header(
          'content-disposition',
          `${disposition}; filename="${name.replace(/[^\x20-\x7e]/g, '_')}"; filename*=UTF-8''${encodeURIComponent(name)}`,
        )
        .send(stream);
    },
  });
}

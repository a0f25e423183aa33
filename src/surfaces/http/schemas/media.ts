// The /v1 JSON shape of stored media, and the core → JSON translation.
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import type { MediaView } from '../../../core/media/media.types.js';

export const mediaSchema = z
  .object({
    id: z
      .string()
      .describe('Media id, usable as `media_id` when sending')
      .meta({ examples: ['med_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    mimetype: z
      .string()
      .describe('The type the bytes show (magic numbers), not merely what was claimed')
      .meta({ examples: ['image/png'] }),
    size: z.number().int().describe('Bytes'),
    sha256: z.string().describe('SHA-256 of the file, hex'),
    file_name: z.string().nullable(),
    url: z.string().describe('Unguessable public URL of the file (no authentication; valid until expires_at)'),
    created_at: z.string(),
    expires_at: z.string().describe('When the file and this record are deleted'),
  })
  .meta({ id: 'Media' });

export const mediaResponseSchema = z.object({ media: mediaSchema });

export function toMediaJson(m: MediaView): z.infer<typeof mediaSchema> {
  return {
    id: m.id,
    mimetype: m.mimetype,
    size: m.size,
    sha256: m.sha256,
    file_name: m.fileName,
    url: m.url,
    created_at: m.createdAt,
    expires_at: m.expiresAt,
  };
}

/** The origin the client reached us at, for public URLs when WAGATE_PUBLIC_URL is not set. */
export function requestOrigin(req: FastifyRequest): string {
  return `${req.protocol}://${req.host}`;
}

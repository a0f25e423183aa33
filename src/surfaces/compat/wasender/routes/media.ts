// Media endpoints C26 decrypt-media and C27 upload (API-CATALOG.md §4.4), over the core media
// service: the answer's `publicUrl` is wagate's unguessable public file URL (/media/<token>.<ext>).
import type { FastifyInstance } from 'fastify';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { InvalidError } from '../../../../core/errors.js';
import type { DecryptMedia, MediaKind } from '../../../../core/media/media.types.js';
import type { CoreServices } from '../../../../core/services.js';
import { requestOrigin } from '../../../http/schemas/media.js';
import { sessionKeyScope } from '../auth.js';
import { WasenderValidationError } from '../errors.js';
import { plainJson } from '../message-json.js';
import { parseInput } from '../validate.js';

/** JSON uploads are decoded in memory: images, audio and stickers fit; larger files go raw. */
const JSON_BODY_LIMIT = 24 * 1024 * 1024;
/** A raw body may be a 100 MB document. */
const RAW_BODY_LIMIT = 101 * 1024 * 1024;

const uploadJson = z.object({ base64: z.string().min(1), mimetype: z.string().min(3).max(255).optional() });

/** Bytes as base64, or Baileys' JSON form of a Buffer. */
const bytes = z.preprocess((v) => (v && typeof v === 'object' ? plainJson(v) : v), z.string().min(1).max(1024));
const mediaFields = z.object({
  url: z.string().max(4096).optional(),
  directPath: z.string().max(4096).optional(),
  mimetype: z.string().max(255).optional(),
  mediaKey: bytes,
  fileSha256: bytes.optional(),
  fileEncSha256: bytes.optional(),
  fileName: z.string().max(255).optional(),
});
const MESSAGE_TYPES: Record<string, MediaKind> = {
  imageMessage: 'image',
  videoMessage: 'video',
  audioMessage: 'audio',
  documentMessage: 'document',
  stickerMessage: 'sticker',
};

/** The media message inside a webhook's `data` (`messages` an object, or the upsert's array). */
function decryptInput(body: unknown): DecryptMedia {
  const data = (body as { data?: { messages?: unknown } } | undefined)?.data;
  if (!data || typeof data !== 'object') throw new WasenderValidationError({ data: ['The data field is required.'] });
  const messages = Array.isArray(data.messages) ? data.messages[0] : data.messages;
  let message = (messages as { message?: Record<string, unknown> } | undefined)?.message ?? {};
  // Wrappers WhatsApp puts around media (a captioned document, view-once).
  for (const wrapper of ['documentWithCaptionMessage', 'viewOnceMessage', 'viewOnceMessageV2']) {
    const inner = (message[wrapper] as { message?: Record<string, unknown> } | undefined)?.message;
    if (inner) message = inner;
  }
  for (const [field, type] of Object.entries(MESSAGE_TYPES)) {
    const raw = message[field];
    if (raw === undefined) continue;
    const m = parseInput(mediaFields, raw);
    return {
      type,
      mediaKey: m.mediaKey,
      ...(m.url ? { url: m.url } : {}),
      ...(m.directPath ? { directPath: m.directPath } : {}),
      ...(m.mimetype ? { mimetype: m.mimetype } : {}),
      ...(m.fileSha256 ? { fileSha256: m.fileSha256 } : {}),
      ...(m.fileEncSha256 ? { fileEncSha256: m.fileEncSha256 } : {}),
      ...(m.fileName ? { fileName: m.fileName } : {}),
    };
  }
  throw new InvalidError('No supported media object (image, video, etc.) found in the message.', {
    field: 'data.messages.message',
  });
}

export async function registerWasenderMedia(app: FastifyInstance, services: CoreServices): Promise<void> {
  app.post('/decrypt-media', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const media = await services.media.decrypt(scope, decryptInput(req.body));
    return { success: true, publicUrl: services.media.view(media, requestOrigin(req)).url };
  });

  // Its own context: any non-JSON body reaches the handler as a stream (the file itself).
  await app.register(async (upload) => {
    upload.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    upload.post('/upload', { bodyLimit: JSON_BODY_LIMIT }, async (req) => {
      const scope = await sessionKeyScope(services, req);
      const contentType = req.headers['content-type'];
      let media;
      if (/^application\/json\b/i.test(contentType ?? '')) {
        const b = parseInput(uploadJson, req.body);
        media = await services.media.uploadBase64(scope, {
          base64: b.base64,
          ...(b.mimetype ? { mimetype: b.mimetype } : {}),
        });
      } else {
        const length = Number(req.headers['content-length']);
        if (Number.isFinite(length) && length > RAW_BODY_LIMIT)
          throw new InvalidError('File size exceeds the limit of 100 MB for this file type.', { field: 'file' });
        media = await services.media.uploadRaw(scope, {
          body: req.body as Readable,
          contentType: contentType ?? null,
          declaredLength: Number.isFinite(length) ? length : null,
        });
      }
      return { success: true, publicUrl: services.media.view(media, requestOrigin(req)).url };
    });
  });
}

// The /v1 media routes, in their own encapsulated context: here (and only here) any body content
// type is accepted and handed to the handler as a stream, so a raw file upload never sits in memory
// and never goes through the JSON parser. JSON bodies keep the normal parser (with a larger limit
// on the upload route).
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../../core/services.js';
import { uploadSlots, type UploadSlotLimits } from '../../plugins/upload-slots.js';
import { registerMediaDecrypt } from './decrypt.js';
import { registerMediaGet } from './get.js';
import { registerMessageMedia } from './message-media.js';
import { registerMediaUpload } from './upload.js';

export { registerMediaPublicFile } from './public-file.js';

export async function registerMediaRoutes(
  v1: FastifyInstance,
  services: CoreServices,
  uploads: UploadSlotLimits,
): Promise<void> {
  await v1.register(async (media) => {
    media.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    await registerMediaUpload(media, services, uploadSlots(uploads));
    registerMediaDecrypt(media, services);
    registerMediaGet(media, services);
    registerMessageMedia(media, services);
  });
}

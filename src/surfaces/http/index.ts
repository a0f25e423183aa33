// The HTTP surface as one call: body parsing, request ids, errors, OpenAPI, /health, /ready, /v1.
// app/build-app.ts calls this on a fresh fastify instance.
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { CoreServices } from '../../core/services.js';
import { decorateScope } from './plugins/auth.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerJsonBody } from './plugins/json-body.js';
import { registerOpenApi } from './plugins/openapi.js';
import { registerSystemHealth } from './routes/system/health.js';
import { registerSystemReady } from './routes/system/ready.js';
import { registerWebSocketSupport } from './stream/ws.js';
import { registerV1 } from './v1.js';
import { registerMediaPublicFile } from './routes/media/index.js';

/** For fastify's `frameworkErrors` option (set where the instance is created). */
export { frameworkErrorHandler } from './plugins/errors.js';

export interface HttpSurfaceOptions {
  services: CoreServices;
  version: string;
  /** API requests per minute per token (every /v1 response carries X-RateLimit-* for it). */
  requestsPerMinute?: number;
}

export async function registerHttpSurface(app: FastifyInstance, options: HttpSurfaceOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBody(app);
  decorateScope(app);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerErrorHandling(app);
  await registerWebSocketSupport(app);
  await registerOpenApi(app, { version: options.version });
  registerSystemHealth(app, options.services);
  registerSystemReady(app, options.services);
  // Public media file URLs (/media/<token>.<ext>): no auth, the random token is the credential.
  registerMediaPublicFile(app, options.services);
  await registerV1(app, options.services, { requestsPerMinute: options.requestsPerMinute ?? 600 });
}

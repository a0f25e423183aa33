// The HTTP surface as one call: body parsing, request ids, errors, OpenAPI, /health, /ready, /v1.
// app/build-app.ts calls this on a fresh fastify instance.
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import type { CoreServices } from '../../core/services.js';
import { decorateScope } from './plugins/auth.js';
import { registerBodyLimit } from './plugins/body-limit.js';
import { registerErrorHandling } from './plugins/errors.js';
import { registerJsonBody } from './plugins/json-body.js';
import { registerOpenApi } from './plugins/openapi.js';
import type { UploadSlotLimits } from './plugins/upload-slots.js';
import { registerRequestLog } from './plugins/request-log.js';
import { registerSystemHealth } from './routes/system/health.js';
import { registerSystemReady } from './routes/system/ready.js';
import { registerSystemMetrics, type MetricsEndpointOptions } from './routes/system/metrics.js';
import { registerWebSocketSupport } from './stream/ws.js';
import { registerV1 } from './v1.js';
import { registerMediaPublicFile } from './routes/media/index.js';
import { registerWwebjs } from '../compat/wwebjs/routes.js';

/** For fastify's `frameworkErrors` option (set where the instance is created). */
export { frameworkErrorHandler } from './plugins/errors.js';

export interface HttpSurfaceOptions {
  services: CoreServices;
  version: string;
  /** API requests per minute per token (every /v1 response carries X-RateLimit-* for it; the send quota has X-Send-Quota-*). */
  requestsPerMinute?: number;
  /** Requests without a valid token per client address per minute. */
  authFailuresPerMinute?: number;
  /** Media uploads received at once (process-wide and per account). */
  uploads?: UploadSlotLimits;
  /** GET /metrics (absent: no such route). */
  metrics?: MetricsEndpointOptions;
}

export async function registerHttpSurface(app: FastifyInstance, options: HttpSurfaceOptions): Promise<void> {
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  registerJsonBody(app);
  registerBodyLimit(app);
  registerRequestLog(app);
  decorateScope(app);
  app.addHook('onRequest', async (req, reply) => {
    reply.header('x-request-id', req.id);
  });
  registerErrorHandling(app);
  await registerWebSocketSupport(app);
  await registerOpenApi(app, { version: options.version });
  registerSystemHealth(app, options.services);
  registerSystemReady(app, options.services);
  if (options.metrics) registerSystemMetrics(app, options.metrics);
  // Public media file URLs (/media/<token>.<ext>): no auth, the random token is the credential.
  registerMediaPublicFile(app, options.services);
  await registerWwebjs(app, options.services, {
    requestsPerMinute: options.requestsPerMinute ?? 600,
    authFailuresPerMinute: options.authFailuresPerMinute ?? 60,
  }); // issue 15: the whatsapp-web.js API at /wwebjs
  await registerV1(app, options.services, {
    requestsPerMinute: options.requestsPerMinute ?? 600,
    authFailuresPerMinute: options.authFailuresPerMinute ?? 60,
    uploads: options.uploads ?? { inFlight: 8, inFlightPerAccount: 2 },
  });
}

// Builds the fastify instance with every surface, from a container. Tests call this and use
// `app.inject()`; server.ts calls it and listens.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { newId } from '../lib/ids.js';
import { frameworkErrorHandler, registerHttpSurface } from '../surfaces/http/index.js';
import { registerMcp } from '../surfaces/mcp/index.js';
import type { Container } from './container.js';

export async function buildApp(container: Container): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only bridges their generic parameters.
    loggerInstance: container.logger as FastifyBaseLogger,
    genReqId: () => newId('req'),
    bodyLimit: container.config.server.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    // Clients may put a trailing slash or mixed case in paths; be forgiving.
    routerOptions: { ignoreTrailingSlash: true },
  });
  // Labelled by route pattern (`/v1/sessions/:id`), never by raw URL, so the label set stays small.
  app.addHook('onResponse', async (req, reply) => {
    container.metrics.observeHttp(req.method, req.routeOptions.url ?? 'unmatched', reply.statusCode, reply.elapsedTime / 1000);
  });
  await registerHttpSurface(app, {
    services: container.services,
    version: container.services.system.health().version,
    requestsPerMinute: container.config.limits.requestsPerMinute,
    metrics: { render: () => container.metrics.render(), token: container.config.ops.metricsToken, listenHost: container.config.server.host },
  });
  await registerMcp(app, container.services, { version: container.services.system.health().version, requestsPerMinute: container.config.limits.requestsPerMinute });
  // Later surfaces (compat/*, dashboard) register here, one line each.
  return app;
}

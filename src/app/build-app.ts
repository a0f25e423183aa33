// Builds the fastify instance with every surface, from a container. Tests call this and use
// `app.inject()`; server.ts calls it and listens.
import Fastify, { LogController, type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { newId } from '../lib/ids.js';
import { registerWabSync } from '../surfaces/compat/wabsync/index.js';
import { registerWappSync } from '../surfaces/compat/wappsync/index.js';
import { registerDashboard } from '../surfaces/dashboard/index.js';
import { registerWasender } from '../surfaces/compat/wasender/index.js';
import { frameworkErrorHandler, registerHttpSurface } from '../surfaces/http/index.js';
import { registerWapioSurface } from '../surfaces/compat/wapio/index.js';
import { registerMcp } from '../surfaces/mcp/index.js';
import type { Container } from './container.js';

export interface BuildAppOptions {
  /** Simulator mode: the simulator's control URL, for the dashboard's simulated-phone panel. */
  simulatorControlUrl?: string | null;
}

export async function buildApp(container: Container, options: BuildAppOptions = {}): Promise<FastifyInstance> {
  const app = Fastify({
    // pino's Logger is a FastifyBaseLogger; the cast only bridges their generic parameters.
    loggerInstance: container.logger as FastifyBaseLogger,
    genReqId: () => newId('req'),
    // One short line per request instead (surfaces/http/plugins/request-log.ts).
    logController: new LogController({ disableRequestLogging: true }),
    bodyLimit: container.config.server.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    // Clients may put a trailing slash or mixed case in paths; be forgiving.
    routerOptions: { ignoreTrailingSlash: true },
    // A client must send its whole request (headers and body) within this time: slow bodies are
    // cut off (408) instead of holding a connection and an upload slot forever. Node checks the
    // timeout on an interval, kept a fraction of it; both must reach http.createServer (Node 20
    // ignores a requestTimeout set on the server afterwards, which is all fastify's option does).
    requestTimeout: container.config.tenants.requestTimeoutMs,
    http: {
      requestTimeout: container.config.tenants.requestTimeoutMs,
      connectionsCheckingInterval: Math.min(
        5_000,
        Math.max(250, Math.floor(container.config.tenants.requestTimeoutMs / 4)),
      ),
    },
  });
  // Labelled by route pattern (`/v1/sessions/:id`), never by raw URL, so the label set stays small.
  app.addHook('onResponse', async (req, reply) => {
    container.metrics.observeHttp(
      req.method,
      req.routeOptions.url ?? 'unmatched',
      reply.statusCode,
      reply.elapsedTime / 1000,
    );
  });
  await registerHttpSurface(app, {
    services: container.services,
    version: container.services.system.health().version,
    requestsPerMinute: container.config.limits.requestsPerMinute,
    authFailuresPerMinute: container.config.tenants.authFailuresPerMinute,
    uploads: {
      inFlight: container.config.tenants.uploadsInFlight,
      inFlightPerAccount: container.config.tenants.uploadsInFlightPerAccount,
    },
    metrics: {
      render: () => container.metrics.render(),
      token: container.config.ops.metricsToken,
      listenHost: container.config.server.host,
    },
  });
  await registerMcp(app, container.services, {
    version: container.services.system.health().version,
    requestsPerMinute: container.config.limits.requestsPerMinute,
    authFailuresPerMinute: container.config.tenants.authFailuresPerMinute,
  });
  await registerDashboard(app, {
    services: container.services,
    simulatorControlUrl: options.simulatorControlUrl ?? null,
  });
  // Later surfaces (compat/*) register here, one line each.
  await registerWasender(app, container.services);
  await registerWapioSurface(app, container.services, {
    requestsPerMinute: container.config.limits.requestsPerMinute,
    authFailuresPerMinute: container.config.tenants.authFailuresPerMinute,
  });
  await registerWappSync(app, container.services);
  await registerWabSync(app, container.services, {
    requestsPerMinute: container.config.limits.requestsPerMinute,
    authFailuresPerMinute: container.config.tenants.authFailuresPerMinute,
  });
  return app;
}

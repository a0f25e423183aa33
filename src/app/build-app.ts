// Builds the fastify instance with every surface, from a container. Tests call this and use
// `app.inject()`; server.ts calls it and listens.
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify';
import { newId } from '../lib/ids.js';
import { registerDashboard } from '../surfaces/dashboard/index.js';
import { frameworkErrorHandler, registerHttpSurface } from '../surfaces/http/index.js';
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
    bodyLimit: container.config.server.bodyLimit,
    frameworkErrors: frameworkErrorHandler,
    // Clients may put a trailing slash or mixed case in paths; be forgiving.
    routerOptions: { ignoreTrailingSlash: true },
  });
  await registerHttpSurface(app, {
    services: container.services,
    version: container.services.system.health().version,
    requestsPerMinute: container.config.limits.requestsPerMinute,
  });
  await registerDashboard(app, { services: container.services, simulatorControlUrl: options.simulatorControlUrl ?? null });
  // Later surfaces (compat/*, mcp, stream) register here, one line each.
  return app;
}

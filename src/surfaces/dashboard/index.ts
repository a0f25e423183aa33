// The dashboard: a static single-page UI at / and /dashboard that only calls the public /v1 API
// (docs/adr/0003-dashboard.md). In simulator mode it also gets the simulated-phone routes.
import type { FastifyInstance, FastifyReply } from 'fastify';
import type { CoreServices } from '../../core/services.js';
import { loadDashboardAssets, type Asset } from './assets.js';
import { registerSimulatorDemo } from './sim-demo.js';

export interface DashboardOptions {
  services: CoreServices;
  /** The simulator's control API (`http://127.0.0.1:P`), only in simulator mode. */
  simulatorControlUrl?: string | null;
}

function send(reply: FastifyReply, file: Asset, ifNoneMatch: string | undefined): FastifyReply {
  reply.header('etag', file.etag).header('cache-control', 'no-cache').header('x-content-type-options', 'nosniff');
  if (ifNoneMatch === file.etag) return reply.code(304).send();
  return reply.type(file.type).send(file.body);
}

export async function registerDashboard(app: FastifyInstance, options: DashboardOptions): Promise<void> {
  const assets = loadDashboardAssets();
  // Everything the page loads is ours; the one inline script is the import map, allowed by hash.
  // Media previews may come from WAGATE_PUBLIC_URL, hence https: for images, audio and video.
  const csp = [
    "default-src 'none'",
    `script-src 'self' ${assets.importMapHash}`,
    "style-src 'self'",
    "img-src 'self' blob: data: https:",
    "media-src 'self' blob: https:",
    "connect-src 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
    "base-uri 'none'",
  ].join('; ');
  const page = (req: { headers: { 'if-none-match'?: string } }, reply: FastifyReply) =>
    send(
      reply.header('content-security-policy', csp).header('referrer-policy', 'no-referrer'),
      assets.page,
      req.headers['if-none-match'],
    );
  app.get('/', { schema: { hide: true } }, page);
  app.get('/dashboard', { schema: { hide: true } }, page);
  app.get<{ Params: { kind: string; name: string } }>(
    '/dashboard/:kind/:name',
    { schema: { hide: true } },
    async (req, reply) => {
      const file = assets.files.get(`${req.params.kind}/${req.params.name}`);
      if (!file) return reply.callNotFound();
      return send(reply, file, req.headers['if-none-match']);
    },
  );
  if (options.simulatorControlUrl) await registerSimulatorDemo(app, options.services, options.simulatorControlUrl);
}

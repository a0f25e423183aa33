// The WabSync surface at /wabsync (API-CATALOG §5; seed 003 documents only conventions, so the
// endpoints are designed here and published as /wabsync/openapi.json): base /wabsync/api/v1,
// `WBT|` tokens over wagate's, `{success, message, data}` / `{error: true, …}` bodies, UUID ids,
// X-RateLimit-* with an epoch Reset. Every route calls the core services; nothing else.
import rateLimit from '@fastify/rate-limit';
import type { FastifyInstance } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import { registerWabSyncAuth, wagateTokenOf } from './auth.js';
import { registerWabSyncErrors } from './errors.js';
import { registerWabSyncMessageRoutes } from './messages.routes.js';
import { buildWabSyncOpenApi } from './openapi.js';
import { registerWabSyncSessionRoutes } from './sessions.routes.js';
import { registerWabSyncWebhookRoutes } from './webhook.routes.js';

export const WABSYNC_PREFIX = '/wabsync';

export interface WabSyncLimits {
  requestsPerMinute: number;
  authFailuresPerMinute: number;
}

export async function registerWabSync(
  app: FastifyInstance,
  services: CoreServices,
  limits: WabSyncLimits,
): Promise<void> {
  const document = buildWabSyncOpenApi(services.system.health().version);
  await app.register(
    async (wabsync) => {
      registerWabSyncErrors(wabsync);
      await wabsync.register(rateLimit, {
        max: limits.requestsPerMinute,
        timeWindow: 60_000,
        hook: 'onRequest',
        // Per credential, whether or not it carries the WBT| prefix; anonymous calls per address.
        keyGenerator: (req) => wagateTokenOf(req.headers.authorization) ?? `ip:${req.ip}`,
        errorResponseBuilder: (_req, ctx) =>
          new RateLimitedError(ctx.ttl, `Too many requests: ${ctx.max} per minute per token`),
      });
      // WabSync's X-RateLimit-Reset is a Unix time; the limiter sends the seconds left.
      wabsync.addHook('onSend', async (_req, reply) => {
        const reset = reply.getHeader('x-ratelimit-reset');
        if (reset !== undefined) reply.header('x-ratelimit-reset', Math.ceil(Date.now() / 1000) + Number(reset));
      });
      registerWabSyncAuth(wabsync, services.tokens, {
        failuresPerMinute: limits.authFailuresPerMinute,
        publicPaths: [`${WABSYNC_PREFIX}/openapi.json`],
      });
      wabsync.get('/openapi.json', { schema: { hide: true } }, async () => document);
      registerWabSyncSessionRoutes(wabsync, services);
      registerWabSyncMessageRoutes(wabsync, services);
      registerWabSyncWebhookRoutes(wabsync, services);
    },
    { prefix: WABSYNC_PREFIX },
  );
}

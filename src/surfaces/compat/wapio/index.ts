// The Wapio surface at /wapio (API-CATALOG §3): its own auth rules, ids, errors and headers over
// the core services. wagate's tokens authenticate (the same token service as /v1); the keys this
// surface mints read `bps_sk_…`. Routes: sessions (§3.2), messages (§3.3), contacts (§3.4), groups
// (§3.5), channels (§3.6), the SDK's extras and webhook configuration (§3.7–§3.8).
// docs/compat/wapio.md describes it for users.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { registerAuth } from '../../http/plugins/auth.js';
import { registerRequestRateLimit } from '../../http/plugins/rate-limit.js';
import { registerWapioChannelRoutes } from './channels.routes.js';
import { registerWapioContactRoutes } from './contacts.routes.js';
import { registerWapioErrors } from './errors.js';
import { registerWapioExtraRoutes } from './extras.routes.js';
import { registerWapioGroupRoutes } from './groups.routes.js';
import { registerWapioMessageRoutes } from './messages.routes.js';
import { registerWapioSessionRoutes } from './sessions.routes.js';
import { registerWapioWebhookRoutes } from './webhook.routes.js';

export const WAPIO_PREFIX = '/wapio';

export interface WapioLimits {
  requestsPerMinute: number;
  authFailuresPerMinute: number;
}

export async function registerWapioSurface(
  app: FastifyInstance,
  services: CoreServices,
  limits: WapioLimits,
): Promise<void> {
  await app.register(
    async (wapio) => {
      registerWapioErrors(wapio);
      // Wapio's SDK reads X-RateLimit-Reset as a Unix time; the limiter sends seconds to wait.
      wapio.addHook('onSend', async (_req, reply) => {
        const reset = reply.getHeader('x-ratelimit-reset');
        if (reset !== undefined) reply.header('x-ratelimit-reset', Math.ceil(Date.now() / 1000) + Number(reset));
      });
      await registerRequestRateLimit(wapio, limits.requestsPerMinute);
      registerAuth(wapio, services.tokens, { failuresPerMinute: limits.authFailuresPerMinute });
      registerWapioSessionRoutes(wapio, services, WAPIO_PREFIX);
      registerWapioMessageRoutes(wapio, services);
      registerWapioWebhookRoutes(wapio, services);
      registerWapioContactRoutes(wapio, services);
      registerWapioGroupRoutes(wapio, services);
      registerWapioChannelRoutes(wapio, services);
      registerWapioExtraRoutes(wapio, services);
    },
    { prefix: WAPIO_PREFIX },
  );
}

// The whatsapp-web.js REST API surface (chrishubert/whatsapp-api), mounted at /wwebjs: its own auth
// (x-api-key), its own envelopes (`{success, …}`), calling core services only.
import type { FastifyInstance } from 'fastify';
import { AppError, InvalidError, NotConnectedError, RateLimitedError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import { registerApiKey, registerLimits, type WwebjsLimits, WwebjsReply } from './auth.js';
import { registerChatRoutes } from './chat.js';
import { registerClientChatRoutes } from './client-chats.js';
import { registerClientPeopleRoutes } from './client-people.js';
import { registerClientRoutes } from './client.js';
import { registerContactRoutes } from './contact.js';
import { registerGroupChatRoutes } from './group-chat.js';
import { registerMessageRoutes } from './message.js';
import { registerSessionRoutes } from './sessions.js';

export async function registerWwebjs(
  app: FastifyInstance,
  services: CoreServices,
  limits: WwebjsLimits = { requestsPerMinute: 600, authFailuresPerMinute: 60 },
): Promise<void> {
  await app.register(
    async (w) => {
      w.setErrorHandler(async (err, _req, reply) => {
        if (err instanceof WwebjsReply) return reply.code(err.status).send(err.body);
        // A field the core refused (wagate's field names); the session dropped mid-call.
        if (err instanceof InvalidError) return reply.code(422).send({ success: false, error: err.message });
        if (err instanceof RateLimitedError)
          return reply
            .code(429)
            .header('retry-after', Math.max(1, Math.ceil(err.retryAfterMs / 1000)))
            .send({ success: false, error: err.message });
        if (err instanceof NotConnectedError)
          return reply.code(404).send({ success: false, error: 'session_not_connected' });
        // The original answers every thrown error with 500 and its message.
        const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
        return reply.code(500).send({ success: false, error: message });
      });
      // Express's answer to an unknown path, in this surface's envelope.
      w.setNotFoundHandler(async (req, reply) =>
        reply.code(404).send({ success: false, error: `Cannot ${req.method} ${req.url.split('?')[0]}` }),
      );
      await registerLimits(w, limits);
      registerApiKey(w, services.tokens, limits);
      w.get('/ping', async () => ({ success: true, message: 'pong' }));
      registerSessionRoutes(w, services);
      // The original's example receiver (E10): answers any authenticated delivery.
      w.post('/localCallbackExample', async () => ({ success: true }));
      registerClientRoutes(w, services);
      registerClientChatRoutes(w, services);
      registerClientPeopleRoutes(w, services);
      registerChatRoutes(w, services);
      registerGroupChatRoutes(w, services);
      registerMessageRoutes(w, services);
      registerContactRoutes(w, services);
    },
    { prefix: '/wwebjs' },
  );
}

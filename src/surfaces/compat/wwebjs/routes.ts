// The whatsapp-web.js REST API surface (chrishubert/whatsapp-api), mounted at /wwebjs: its own auth
// (x-api-key), its own envelopes (`{success, …}`), calling core services only.
import type { FastifyInstance } from 'fastify';
import { AppError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import { registerApiKey, WwebjsReply } from './auth.js';
import { registerClientRoutes } from './client.js';
import { registerSessionRoutes } from './sessions.js';

export async function registerWwebjs(app: FastifyInstance, services: CoreServices): Promise<void> {
  await app.register(
    async (w) => {
      w.setErrorHandler(async (err, _req, reply) => {
        if (err instanceof WwebjsReply) return reply.code(err.status).send(err.body);
        // The original answers every thrown error with 500 and its message.
        const message = err instanceof AppError || err instanceof Error ? err.message : String(err);
        return reply.code(500).send({ success: false, error: message });
      });
      // Express's answer to an unknown path, in this surface's envelope.
      w.setNotFoundHandler(async (req, reply) =>
        reply.code(404).send({ success: false, error: `Cannot ${req.method} ${req.url.split('?')[0]}` }),
      );
      registerApiKey(w, services.tokens);
      w.get('/ping', async () => ({ success: true, message: 'pong' }));
      registerSessionRoutes(w, services);
      registerClientRoutes(w, services);
    },
    { prefix: '/wwebjs' },
  );
}

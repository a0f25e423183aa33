// Wapio's contact endpoints served so far (API-CATALOG §3.4): on-whatsapp, block, unblock, over
// the core's people service. The session is the key's own, or `?session_id=` with a PAT.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../core/services.js';
import { getScope } from '../../http/plugins/auth.js';
import { sessionOfCall } from './auth.js';

const phoneParams = z.object({ phone: z.string().min(1).max(64) });
const sessionQuery = z.object({ session_id: z.string().min(1).optional() });

export function registerWapioContactRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/on-whatsapp/:phone', { schema: { params: phoneParams, querystring: sessionQuery } }, async (req) => {
    const scope = getScope(req);
    const [check] = await services.people.checkNumbers(scope, sessionOfCall(scope, req.query.session_id), [
      req.params.phone,
    ]);
    return { exists: check?.exists ?? false, jid: check?.jid ?? null };
  });

  for (const [action, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    r.post(
      `/api/contacts/:phone/${action}`,
      { schema: { params: phoneParams, querystring: sessionQuery } },
      async (req) => {
        const scope = getScope(req);
        await services.people.setBlocked(scope, sessionOfCall(scope, req.query.session_id), req.params.phone, blocked);
        return { message: blocked ? 'Blocked' : 'Unblocked' };
      },
    );
  }
}

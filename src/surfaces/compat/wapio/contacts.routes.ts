// Wapio's 7 contact endpoints (API-CATALOG §3.4) over the core's people service. The session is
// the key's own, or `session_id` (query or body) with a PAT.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beforeIdParam, limitParam } from './query.js';
import type { CoreServices } from '../../../core/services.js';
import { scopeAndSession } from './auth.js';
import { toWapioContact } from './contact.json.js';

const phoneParams = z.object({ phone: z.string().min(1).max(64) });
const jidParams = z.object({ jid: z.string().min(1).max(128) });
const sessionQuery = z.object({ session_id: z.string().min(1).optional() });
const listQuery = sessionQuery.extend({
  limit: limitParam(),
  before_id: beforeIdParam,
});
const upsertBody = z.object({
  phone: z.string().min(1).max(64),
  name: z.string().max(100).nullable().optional(),
  session_id: z.string().min(1).optional(),
});

export function registerWapioContactRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const people = services.people;

  r.get('/api/on-whatsapp/:phone', { schema: { params: phoneParams, querystring: sessionQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    const [check] = await people.checkNumbers(scope, session, [req.params.phone]);
    return { exists: check?.exists ?? false, jid: check?.jid ?? null };
  });

  r.get('/api/contacts', { schema: { querystring: listQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    const page = await people.listContacts(scope, session, req.query.limit, req.query.before_id);
    return { data: page.data.map(toWapioContact), next_cursor: page.nextCursor };
  });

  r.put('/api/contacts', { schema: { body: upsertBody } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return toWapioContact(await people.saveContact(scope, session, req.body.phone, req.body.name ?? null));
  });

  r.get('/api/contacts/:phone', { schema: { params: phoneParams, querystring: sessionQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return toWapioContact(await people.getContact(scope, session, req.params.phone));
  });

  r.get('/api/contacts/:jid/picture', { schema: { params: jidParams, querystring: sessionQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return { imgUrl: await people.picture(scope, session, req.params.jid) };
  });

  for (const [action, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    r.post(
      `/api/contacts/:phone/${action}`,
      { schema: { params: phoneParams, querystring: sessionQuery } },
      async (req) => {
        const { scope, session } = scopeAndSession(req);
        await people.setBlocked(scope, session, req.params.phone, blocked);
        return { message: blocked ? 'Blocked' : 'Unblocked' };
      },
    );
  }
}

// WabSync sessions under /api/v1/session (the known D1 create, then §5.2's proposal): create,
// list, get, QR, status, connect, logout, delete. Each calls the core's session or connection service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import type { CoreServices } from '../../../core/services.js';
import type { Session } from '../../../core/sessions/session.types.js';
import { scopeOf, toWbt } from './auth.js';
import { ok } from './envelope.js';
import { fromUuid, toUuid } from './ids.js';
import { toSession, toSessionStatus } from './json.js';
import { createSessionBody, qrQuery, sessionParams } from './schemas.js';

const hide = { hide: true };

export function registerWabSyncSessionRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/session';
  const ref = (id: string) => fromUuid('ses', id);

  r.post(`${base}/create`, { schema: { ...hide, body: createSessionBody } }, async (req, reply) => {
    const scope = scopeOf(req);
    const { session, sessionKey } = await services.sessions.create(scope, { label: req.body.session_name });
    // A WabSync session starts at once: the QR follows (GET /session/{id}/qr). The session exists
    // either way: if it cannot start now, the answer still carries its token (connect later).
    const started = await services.connections.connect(scope, session.id).catch((err: unknown) => {
      req.log.warn({ err, sessionId: session.id }, 'wabsync: the new session could not start');
      return session;
    });
    return ok(reply, 201, 'Session created', { ...toSession(started), token: toWbt(sessionKey.token) });
  });

  r.get(`${base}/list`, { schema: hide }, async (req, reply) => {
    const scope = scopeOf(req);
    const all: Session[] = [];
    let cursor: string | null = null;
    do {
      const page = await services.sessions.list(scope, { limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.data);
      cursor = page.nextCursor;
    } while (cursor);
    return ok(reply, 200, 'Sessions retrieved', all.map(toSession));
  });

  r.get(`${base}/:id`, { schema: { ...hide, params: sessionParams } }, async (req, reply) =>
    ok(reply, 200, 'Session retrieved', toSession(await services.sessions.get(scopeOf(req), ref(req.params.id)))),
  );

  r.get(`${base}/:id/qr`, { schema: { ...hide, params: sessionParams, querystring: qrQuery } }, async (req, reply) => {
    const scope = scopeOf(req);
    const session = await services.sessions.get(scope, ref(req.params.id));
    const { qr, expiresAt } = await services.connections.qr(scope, session.id, (req.query.wait ?? 10) * 1000);
    const png = await QRCode.toDataURL(qr, { margin: 2, width: 320, errorCorrectionLevel: 'M' });
    reply.header('cache-control', 'no-store');
    return ok(reply, 200, 'Scan this QR code with WhatsApp', {
      session_id: toUuid(session.id),
      qr,
      qr_image: png,
      expires_at: expiresAt.toISOString(),
    });
  });

  r.get(`${base}/:id/status`, { schema: { ...hide, params: sessionParams } }, async (req, reply) =>
    ok(
      reply,
      200,
      'Session status retrieved',
      toSessionStatus(await services.sessions.get(scopeOf(req), ref(req.params.id))),
    ),
  );

  r.post(`${base}/:id/connect`, { schema: { ...hide, params: sessionParams } }, async (req, reply) =>
    ok(reply, 200, 'Session starting', toSession(await services.connections.connect(scopeOf(req), ref(req.params.id)))),
  );

  r.post(`${base}/:id/logout`, { schema: { ...hide, params: sessionParams } }, async (req, reply) =>
    ok(
      reply,
      200,
      'Session logged out',
      toSession(await services.connections.logout(scopeOf(req), ref(req.params.id))),
    ),
  );

  r.delete(`${base}/:id`, { schema: { ...hide, params: sessionParams } }, async (req, reply) => {
    const session = await services.sessions.delete(scopeOf(req), ref(req.params.id));
    return ok(reply, 200, 'Session deleted', { id: toUuid(session.id), deleted: true as const });
  });
}

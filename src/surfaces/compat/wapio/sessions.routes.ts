// Wapio's 12 session endpoints under /v1/whatsapp-sessions (API-CATALOG §3.2), plus the
// OperationStatus a 202 delete points at. Each calls the core's session or connection service.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beforeIdParam, limitParam } from './query.js';
import { NotFoundError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Session, SessionSettings } from '../../../core/sessions/session.types.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { getScope } from '../../http/plugins/auth.js';
import { patScope } from './auth.js';
import { fromWapioSessionId, toWapioSessionId } from './ids.js';
import {
  toWapioKey,
  toWapioSession,
  WAPIO_SESSION_STATUSES,
  wagateStatuses,
  wapioFingerprint,
} from './session.json.js';

const settingsSchema = z.strictObject({
  account_protection: z.boolean().optional(),
  read_incoming: z.boolean().optional(),
  auto_reject_calls: z.boolean().optional(),
  always_online: z.boolean().optional(),
  ignore_groups: z.boolean().optional(),
  ignore_broadcasts: z.boolean().optional(),
  ignore_channels: z.boolean().optional(),
  typing: z.boolean().optional(),
});
/** Keys this surface mints read `bps_sk_…`, as Wapio's clients expect; any session key works here. */
const WAPIO_KEY_PREFIX = 'bps';

const params = z.object({ sessionId: z.string().min(1).max(128) });
const listQuery = z.object({
  status: z.union([z.enum(WAPIO_SESSION_STATUSES), z.array(z.enum(WAPIO_SESSION_STATUSES))]).optional(),
  limit: limitParam(),
  before_id: beforeIdParam,
});
const createBody = z.strictObject({
  label: z.string().max(255).optional(),
  phone_number: z.string().max(32).optional(),
  settings: settingsSchema.optional(),
});
const updateBody = z.strictObject({
  label: z.string().max(255).nullable().optional(),
  phone_number: z.string().max(32).nullable().optional(),
  settings: settingsSchema.optional(),
});

function wapioSettings(s: SessionSettings) {
  const { account_protection, read_incoming, auto_reject_calls, always_online } = s;
  const { ignore_groups, ignore_broadcasts, ignore_channels, typing } = s;
  return {
    account_protection,
    read_incoming,
    auto_reject_calls,
    always_online,
    ignore_groups,
    ignore_broadcasts,
    ignore_channels,
    typing,
  };
}

/** The delete operation of a session: its id names the session, so no table is needed. */
export function deleteOperation(
  prefix: string,
  wapioSessionId: string,
  state: 'pending_deletion' | 'deleted',
  at: string,
) {
  const operation_id = `op_delete_${wapioSessionId}`;
  const done = state === 'deleted';
  return {
    operation_id,
    session_id: wapioSessionId,
    operation_type: 'session.delete',
    status: done ? 'succeeded' : 'running',
    enqueued_at: at,
    started_at: at,
    finished_at: done ? at : null,
    result: done ? { status: 'deleted' } : null,
    error: null,
    status_url: `${prefix}/v1/operations/${operation_id}`,
  };
}

export function registerWapioSessionRoutes(app: FastifyInstance, services: CoreServices, prefix: string): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/v1/whatsapp-sessions';
  const ref = (id: string) => fromWapioSessionId(id);

  /** The Session with its key's fingerprint (none for a deleted one: its key is revoked). */
  const withFingerprint = async (s: Session, scope: Scope) =>
    toWapioSession(
      s,
      s.deletedAt || s.status === 'deleted' ? null : await services.sessions.keyFingerprint(scope, s.id),
    );

  r.get(base, { schema: { querystring: listQuery } }, async (req) => {
    // A Wapio status may stand for several of wagate's (disconnected); an unknown one matches none.
    const status = req.query.status === undefined ? undefined : [req.query.status].flat().flatMap(wagateStatuses);
    const scope = getScope(req);
    const page = await services.sessions.list(scope, {
      limit: req.query.limit,
      ...(req.query.before_id ? { cursor: req.query.before_id } : {}),
      ...(status ? { status } : {}),
    });
    const data = await Promise.all(page.data.map((s) => withFingerprint(s, scope)));
    return { data, next_cursor: page.nextCursor };
  });

  r.post(base, { schema: { body: createBody } }, async (req, reply) => {
    const b = req.body;
    const { session, sessionKey } = await services.sessions.create(patScope(req), {
      ...(b.label !== undefined ? { label: b.label } : {}),
      ...(b.phone_number !== undefined ? { phoneNumber: b.phone_number } : {}),
      ...(b.settings ? { settings: b.settings } : {}),
      keyPrefix: WAPIO_KEY_PREFIX,
    });
    const json = { ...toWapioSession(session), session_api_key_fingerprint: wapioFingerprint(sessionKey.token) };
    return reply.code(201).send({ session: json, session_api_key: toWapioKey(sessionKey), warnings: [] });
  });

  r.get(`${base}/:sessionId`, { schema: { params } }, async (req) =>
    withFingerprint(await services.sessions.get(getScope(req), ref(req.params.sessionId)), getScope(req)),
  );

  r.patch(`${base}/:sessionId`, { schema: { params, body: updateBody } }, async (req) => {
    const b = req.body;
    const updated = await services.sessions.update(getScope(req), ref(req.params.sessionId), {
      ...(b.label !== undefined ? { label: b.label } : {}),
      ...(b.phone_number !== undefined ? { phoneNumber: b.phone_number } : {}),
      ...(b.settings ? { settings: b.settings } : {}),
    });
    return withFingerprint(updated, getScope(req));
  });

  r.delete(`${base}/:sessionId`, { schema: { params } }, async (req, reply) => {
    const session = await services.sessions.delete(patScope(req), ref(req.params.sessionId));
    return reply
      .code(202)
      .send(deleteOperation(prefix, toWapioSessionId(session.id), 'pending_deletion', session.updatedAt));
  });

  r.get('/v1/operations/:operationId', { schema: { params: z.object({ operationId: z.string() }) } }, async (req) => {
    const m = /^op_delete_(bps_sess_ws_[A-Za-z0-9_-]{22})$/.exec(req.params.operationId);
    if (!m?.[1]) throw new NotFoundError('OPERATION_NOT_FOUND', 'Operation not found');
    const wapioId = m[1];
    const scope = getScope(req);
    try {
      const s = await services.sessions.get(scope, ref(wapioId));
      const state = s.status === 'deleted' ? 'deleted' : 'pending_deletion';
      if (state !== 'deleted' && s.status !== 'pending_deletion')
        throw new NotFoundError('OPERATION_NOT_FOUND', 'Operation not found');
      return deleteOperation(prefix, wapioId, state, s.updatedAt);
    } catch (err) {
      if (!(err instanceof NotFoundError) || err.code === 'OPERATION_NOT_FOUND') throw err;
      // Gone from the normal view: finished if it is among this caller's deleted sessions.
      const deleted = await services.sessions.list(scope, { limit: 200, status: 'deleted' });
      const s = deleted.data.find((d) => d.id === ref(wapioId));
      if (!s) throw new NotFoundError('OPERATION_NOT_FOUND', 'Operation not found');
      return deleteOperation(prefix, wapioId, 'deleted', s.updatedAt);
    }
  });

  const dispatched = { message: 'Worker dispatched' };
  r.post(`${base}/:sessionId/connect`, { schema: { params } }, async (req) => {
    const s = await services.connections.connect(getScope(req), ref(req.params.sessionId));
    return { ...dispatched, session: toWapioSession(s) };
  });
  r.post(`${base}/:sessionId/disconnect`, { schema: { params } }, async (req) => {
    const s = await services.connections.disconnect(getScope(req), ref(req.params.sessionId));
    return { ...dispatched, session: toWapioSession(s) };
  });
  r.post(`${base}/:sessionId/restart`, { schema: { params } }, async (req) => {
    const s = await services.connections.restart(getScope(req), ref(req.params.sessionId));
    return { ...dispatched, session: toWapioSession(s) };
  });
  r.get(`${base}/:sessionId/qrcode`, { schema: { params } }, async (req) => {
    const { qr } = await services.connections.qr(getScope(req), ref(req.params.sessionId), 5_000);
    return { qr };
  });

  r.post(`${base}/:sessionId/regenerate-key`, { schema: { params } }, async (req) => {
    const key = await services.sessions.rotateKey(patScope(req), ref(req.params.sessionId), WAPIO_KEY_PREFIX);
    return {
      session_api_key: toWapioKey(
        key,
        key.previousFingerprint ? `bps_sk_••••${key.previousFingerprint.slice(-4)}` : null,
      ),
    };
  });

  r.get(`${base}/:sessionId/settings`, { schema: { params } }, async (req) => ({
    session_settings: wapioSettings(await services.sessions.getSettings(getScope(req), ref(req.params.sessionId))),
  }));
  r.patch(`${base}/:sessionId/settings`, { schema: { params, body: settingsSchema } }, async (req) => ({
    session_settings: wapioSettings(
      await services.sessions.updateSettings(getScope(req), ref(req.params.sessionId), req.body),
    ),
  }));
}

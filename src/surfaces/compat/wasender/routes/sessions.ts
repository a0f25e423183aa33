// Session endpoints C1–C7, C10–C13, C15 (API-CATALOG.md §4.2). Each handler turns the vendor's
// request into a core command (sessions, connections) and the answer into the vendor's shape.
import type { FastifyInstance } from 'fastify';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError, ConflictError } from '../../../../core/errors.js';
import type { CoreServices } from '../../../../core/services.js';
import type { SessionSettingsPatch } from '../../../../core/sessions/session.types.js';
import type { Scope } from '../../../../core/tokens/scope.js';
import { sessionKeyScope, wasenderScope } from '../auth.js';
import { toWasenderSession, wasenderStatus } from '../session-json.js';
import { applyHook, hookFields, sessionHook } from '../session-webhook.js';
import { allSessions, sessionBySeq } from '../session-ref.js';
import { parseInput } from '../validate.js';

/** How long connect waits for the first QR before answering (the simulator and WhatsApp send it within seconds). */
const CONNECT_QR_WAIT_MS = 20_000;

const settingsFields = {
  account_protection: z.boolean(),
  log_messages: z.boolean(),
  read_incoming_messages: z.boolean().optional(),
  auto_reject_calls: z.boolean().optional(),
  ignore_groups: z.boolean().optional(),
  ignore_channels: z.boolean().optional(),
  ignore_broadcasts: z.boolean().optional(),
  always_online: z.boolean().optional(),
  proxy_url: z.string().max(2000).nullable().optional(),
  webhook_url: z.string().max(2000).nullable().optional(),
  webhook_enabled: z.boolean().optional(),
  webhook_events: z.array(z.string().max(100)).max(50).optional(),
};
const createBody = z.object({
  name: z.string().min(1).max(100),
  phone_number: z.string().min(5).max(20),
  ...settingsFields,
});
const updateBody = createBody.partial();
type SettingsInput = Partial<z.infer<typeof createBody>>;

function settingsOf(b: SettingsInput): SessionSettingsPatch {
  const s: SessionSettingsPatch = {};
  if (b.account_protection !== undefined) s.account_protection = b.account_protection;
  if (b.log_messages !== undefined) s.log_messages = b.log_messages;
  if (b.read_incoming_messages !== undefined) s.read_incoming = b.read_incoming_messages;
  if (b.auto_reject_calls !== undefined) s.auto_reject_calls = b.auto_reject_calls;
  if (b.ignore_groups !== undefined) s.ignore_groups = b.ignore_groups;
  if (b.ignore_channels !== undefined) s.ignore_channels = b.ignore_channels;
  if (b.ignore_broadcasts !== undefined) s.ignore_broadcasts = b.ignore_broadcasts;
  if (b.always_online !== undefined) s.always_online = b.always_online;
  if (b.proxy_url !== undefined) s.proxy_url = b.proxy_url;
  return s;
}

/** E.164 with a leading `+` (the vendor accepts digits with or without it). */
function e164(phone: string): string {
  const digits = phone.replace(/[^0-9]/g, '');
  return `+${digits}`;
}

/** The webhook service names the URL `url`; this body calls it `webhook_url`. */
async function inHookTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.field === 'url') throw err.withField('webhook_url');
    throw err;
  }
}

/** The `:id` path parameter as given. */
function idOf(params: unknown): string {
  return String((params as { id?: unknown }).id ?? '');
}

export function registerWasenderSessions(app: FastifyInstance, services: CoreServices): void {
  const resolve = async (scope: Scope, params: unknown) => sessionBySeq(services, scope, idOf(params));

  app.get('/whatsapp-sessions', async (req) => {
    const scope = await wasenderScope(services, req);
    const sessions = await allSessions(services, scope);
    const data = [];
    for (const s of sessions) {
      const { webhook_secret: _secret, ...hook } = hookFields(await sessionHook(services, scope, s));
      data.push(toWasenderSession(s, hook));
    }
    return { success: true, data };
  });

  app.post('/whatsapp-sessions', async (req) => {
    const scope = await wasenderScope(services, req);
    const body = parseInput(createBody, req.body);
    const { session, sessionKey } = await services.sessions.create(scope, {
      label: body.name,
      phoneNumber: e164(body.phone_number),
      settings: settingsOf(body),
    });
    const sub = await inHookTerms(applyHook(services, scope, session, body)).catch(async (err: unknown) => {
      // A refused webhook refuses the create: the session goes again.
      await services.sessions.delete(scope, session.id);
      throw err;
    });
    const hook = hookFields(sub);
    return {
      success: true,
      data: toWasenderSession(session, hook, { api_key: sessionKey.token, webhook_secret: hook.webhook_secret }),
    };
  });

  app.get('/whatsapp-sessions/:id', async (req) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    const hook = hookFields(await sessionHook(services, scope, session));
    return { success: true, data: toWasenderSession(session, hook, { webhook_secret: hook.webhook_secret }) };
  });

  app.put('/whatsapp-sessions/:id', async (req) => {
    const scope = await wasenderScope(services, req);
    const body = parseInput(updateBody, req.body);
    const session = await resolve(scope, req.params);
    const updated = await services.sessions.update(scope, session.id, {
      ...(body.name !== undefined ? { label: body.name } : {}),
      ...(body.phone_number !== undefined ? { phoneNumber: e164(body.phone_number) } : {}),
      settings: settingsOf(body),
    });
    const hook = hookFields(await inHookTerms(applyHook(services, scope, updated, body)));
    return { success: true, data: toWasenderSession(updated, hook, { webhook_secret: hook.webhook_secret }) };
  });

  app.delete('/whatsapp-sessions/:id', async (req, reply) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    await services.sessions.delete(scope, session.id);
    return reply.code(204).send();
  });

  app.post('/whatsapp-sessions/:id/connect', async (req) => {
    const scope = await wasenderScope(services, req);
    const body = parseInput(z.object({ qr_as_image: z.boolean().optional() }), req.body);
    const session = await resolve(scope, req.params);
    if (session.status === 'connected') {
      return {
        success: true,
        data: { status: 'CONNECTED', message: 'Session already initialized or connecting. No QR code needed.' },
      };
    }
    await services.connections.connect(scope, session.id);
    try {
      const { qr } = await services.connections.qr(scope, session.id, CONNECT_QR_WAIT_MS);
      const qrCode = body.qr_as_image ? await QRCode.toDataURL(qr) : qr;
      return { success: true, data: { status: 'NEED_SCAN', qrCode } };
    } catch (err) {
      // Stored credentials: the session reconnects without a QR.
      if (err instanceof ConflictError) {
        const now = await services.sessions.get(scope, session.id);
        if (now.status === 'connected' || now.status === 'connecting') {
          return {
            success: true,
            data: { status: 'CONNECTED', message: 'Session already initialized or connecting. No QR code needed.' },
          };
        }
      }
      throw err;
    }
  });

  app.get('/whatsapp-sessions/:id/qrcode', async (req) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    const { qr } = await services.connections.qr(scope, session.id, 0);
    return { success: true, data: { qrCode: qr } };
  });

  app.post('/whatsapp-sessions/:id/disconnect', async (req) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    await services.connections.disconnect(scope, session.id);
    return { success: true, data: { status: 'disconnected', message: 'WhatsApp session disconnected successfully' } };
  });

  app.post('/whatsapp-sessions/:id/restart', async (req) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    if (session.status !== 'connected') {
      throw new ConflictError('SESSION_NOT_CONNECTED', 'WhatsApp session is not connected. Cannot restart.');
    }
    await services.connections.restart(scope, session.id);
    return { success: true, message: 'WhatsApp session restarted successfully.' };
  });

  app.post('/whatsapp-sessions/:id/regenerate-key', async (req) => {
    const scope = await wasenderScope(services, req);
    const session = await resolve(scope, req.params);
    const rotated = await services.sessions.rotateKey(scope, session.id);
    return { success: true, api_key: rotated.token };
  });

  app.get('/whatsapp-sessions/:id/session-logs', async (req) => {
    const scope = await wasenderScope(services, req);
    const query = parseInput(
      z.object({
        page: z.coerce.number().int().min(1).max(10_000).default(1),
        per_page: z.coerce.number().int().min(1).max(100).default(10),
      }),
      req.query,
    );
    const session = await resolve(scope, req.params);
    // Walk the cursor pages up to the one asked for (Laravel pages by number).
    let cursor: string | undefined;
    let rows: Awaited<ReturnType<CoreServices['sessions']['logs']>>['data'] = [];
    let hasMore = false;
    for (let p = 1; p <= query.page; p++) {
      const page = await services.sessions.logs(scope, session.id, {
        limit: query.per_page,
        ...(cursor ? { cursor } : {}),
      });
      rows = p === query.page ? page.data : [];
      hasMore = page.nextCursor !== null;
      if (!page.nextCursor) {
        if (p < query.page) rows = [];
        break;
      }
      cursor = page.nextCursor;
    }
    const from = rows.length ? (query.page - 1) * query.per_page + 1 : null;
    const path = `${req.protocol}://${req.host}${req.url.split('?')[0]}`;
    return {
      success: true,
      data: {
        current_page: query.page,
        data: rows.map((l, i) => ({
          id: (query.page - 1) * query.per_page + i + 1,
          whatsapp_session_id: session.seq,
          event_type: l.event === 'status_changed' ? 'status_change' : l.event,
          status: typeof l.detail['to'] === 'string' ? l.detail['to'] : wasenderStatus(session.status),
          occurred_at: l.createdAt,
        })),
        first_page_url: `${path}?page=1`,
        from,
        last_page: hasMore ? query.page + 1 : query.page,
        last_page_url: null,
        next_page_url: hasMore ? `${path}?page=${query.page + 1}` : null,
        path,
        per_page: query.per_page,
        prev_page_url: query.page > 1 ? `${path}?page=${query.page - 1}` : null,
        to: from === null ? null : from + rows.length - 1,
        total: null,
      },
    };
  });

  app.get('/status', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const session = await services.sessions.get(scope, scope.sessionId);
    return { status: wasenderStatus(session.status) };
  });

  app.get('/user', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const me = await services.connections.me(scope, scope.sessionId);
    return { success: true, data: { id: me.jid, name: me.pushName, lid: me.lid } };
  });
}

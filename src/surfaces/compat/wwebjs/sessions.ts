// Session lifecycle as the original (all GET): start creates the wagate session named {sessionId}
// if needed and connects it; status answers 200 with the validation object; qr raw and PNG.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import QRCode from 'qrcode';
import { AppError, ConflictError, NotFoundError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Session } from '../../../core/sessions/session.types.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { scopeOf, sessionIdOf, WwebjsReply } from './auth.js';
import { waState } from './shapes.js';

export interface Validation {
  success: boolean;
  state: string | null;
  message: string;
}

export async function validate(
  services: CoreServices,
  req: FastifyRequest,
): Promise<{ v: Validation; session: Session | null }> {
  try {
    const session = await services.sessions.get(scopeOf(req), sessionIdOf(req));
    const state = waState(session.status);
    return session.status === 'connected'
      ? { v: { success: true, state, message: 'session_connected' }, session }
      : { v: { success: false, state, message: 'session_not_connected' }, session };
  } catch (err) {
    if (err instanceof NotFoundError)
      return { v: { success: false, state: null, message: 'session_not_found' }, session: null };
    throw err;
  }
}

/** The session, connected, or the original's 404 body. */
export async function connectedSession(services: CoreServices, req: FastifyRequest): Promise<Session> {
  const { v, session } = await validate(services, req);
  if (!v.success || !session) throw new WwebjsReply(404, { success: false, error: v.message });
  return session;
}

export function registerSessionRoutes(app: FastifyInstance, services: CoreServices): void {
  app.get('/session/start/:sessionId', async (req) => {
    const scope = scopeOf(req);
    const name = sessionIdOf(req);
    const existing = await services.sessions.get(scope, name).catch((err: unknown) => {
      if (err instanceof NotFoundError) return null;
      throw err;
    });
    if (existing && ['connected', 'connecting', 'need_scan'].includes(existing.status))
      throw new WwebjsReply(422, { success: false, error: `Session already exists for: ${name}` });
    if (!existing) await services.sessions.create(scope, { name });
    try {
      await services.connections.connect(scope, name);
    } catch (err) {
      if (err instanceof ConflictError)
        throw new WwebjsReply(422, { success: false, error: `Session already exists for: ${name}` });
      throw err;
    }
    return { success: true, message: 'Session initiated successfully' };
  });

  app.get('/session/status/:sessionId', async (req) => (await validate(services, req)).v);

  const qrOf = async (req: FastifyRequest): Promise<string> => {
    const { session } = await validate(services, req);
    if (!session) throw new WwebjsReply(200, { success: false, message: 'session_not_found' });
    try {
      return (await services.connections.qr(scopeOf(req), session.id, 0)).qr;
    } catch (err) {
      if (err instanceof AppError)
        throw new WwebjsReply(200, { success: false, message: 'qr code not ready or already scanned' });
      throw err;
    }
  };
  app.get('/session/qr/:sessionId', async (req) => ({ success: true, qr: await qrOf(req) }));
  app.get('/session/qr/:sessionId/image', async (req, reply) => {
    const png = await QRCode.toBuffer(await qrOf(req), { type: 'png', margin: 2, width: 320 });
    return reply.type('image/png').header('cache-control', 'no-store').send(png);
  });

  // Unknown session: 200 with the validation object, as the original.
  app.get('/session/restart/:sessionId', async (req) => {
    const { v, session } = await validate(services, req);
    if (!session) return v;
    await services.connections.restart(scopeOf(req), session.id);
    return { success: true, message: 'Restarted successfully' };
  });
  // Logs out if linked, then forgets the session (wagate deletes it).
  const terminate = async (scope: Scope, session: Session) => {
    if (session.status === 'connected') await services.connections.logout(scope, session.id);
    await services.sessions.delete(scope, session.id);
  };
  app.get('/session/terminate/:sessionId', async (req) => {
    const { v, session } = await validate(services, req);
    if (!session) return v;
    await terminate(scopeOf(req), session);
    return { success: true, message: 'Logged out successfully' };
  });

  // Every session the key sees (a PAT: the account's; a session key: its own), or those not linked.
  const flush = (inactiveOnly: boolean) => async (req: FastifyRequest) => {
    const scope = scopeOf(req);
    const all: Session[] = [];
    let cursor: string | undefined;
    do {
      const page = await services.sessions.list(scope, { limit: 100, ...(cursor ? { cursor } : {}) });
      all.push(...page.data);
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    for (const session of all) if (!inactiveOnly || session.status !== 'connected') await terminate(scope, session);
    return { success: true, message: 'Flush completed successfully' };
  };
  app.get('/session/terminateInactive', flush(true));
  app.get('/session/terminateAll', flush(false));
}

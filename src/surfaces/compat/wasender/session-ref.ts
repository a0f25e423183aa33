// Integer session ids: WasenderApi's id is the session's stored `seq` (unique and never reused);
// the path's integer is turned back into the wagate session through the core session service.
import { NotFoundError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Session } from '../../../core/sessions/session.types.js';
import type { Scope } from '../../../core/tokens/scope.js';

function notFound(raw: string): NotFoundError {
  return new NotFoundError('SESSION_NOT_FOUND', `The specified session was not found: ${raw.slice(0, 40)}`);
}

/** The visible session whose integer id is `raw`; 404 otherwise. */
export async function sessionBySeq(services: CoreServices, scope: Scope, raw: string): Promise<Session> {
  if (!/^[1-9][0-9]{0,15}$/.test(raw)) throw notFound(raw);
  const seq = Number(raw);
  if (scope.kind === 'session_key') {
    const own = await services.sessions.get(scope, scope.sessionId);
    if (own.seq !== seq) throw notFound(raw);
    return own;
  }
  // An account has few sessions; walk its pages (newest first) until the id shows up.
  let cursor: string | undefined;
  for (;;) {
    const page = await services.sessions.list(scope, { limit: 100, ...(cursor ? { cursor } : {}) });
    const hit = page.data.find((s) => s.seq === seq);
    if (hit) return hit;
    if (!page.nextCursor) throw notFound(raw);
    cursor = page.nextCursor;
  }
}

/** Every visible session (for the list endpoint). */
export async function allSessions(services: CoreServices, scope: Scope): Promise<Session[]> {
  const out: Session[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await services.sessions.list(scope, { limit: 100, ...(cursor ? { cursor } : {}) });
    out.push(...page.data);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

// Which token may do what on Wapio (API-CATALOG §3.1): some routes are PAT only (a session key
// gets 403 pat_required); a session key is bound to its session (another session_id → 422).
import type { FastifyRequest } from 'fastify';
import type { Scope } from '../../../core/tokens/scope.js';
import { getScope } from '../../http/plugins/auth.js';
import { WapioRefusal } from './errors.js';
import { fromWapioSessionId } from './ids.js';

export function patScope(req: FastifyRequest): Scope {
  const scope = getScope(req);
  if (scope.kind !== 'pat') throw new WapioRefusal(403, 'pat_required', 'This endpoint needs a personal access token');
  return scope;
}

/** The session a messaging call acts on: a session key's own, or the body's session_id with a PAT. */
export function sessionOfCall(scope: Scope, sessionId: string | undefined): string {
  if (scope.kind === 'session_key') {
    if (sessionId !== undefined && fromWapioSessionId(sessionId) !== scope.sessionId) {
      throw new WapioRefusal(422, 'session_mismatch', 'session_id does not match the session key', 'session_id');
    }
    return scope.sessionId;
  }
  if (sessionId === undefined) {
    throw new WapioRefusal(
      422,
      'validation_error',
      'session_id is required with a personal access token',
      'session_id',
    );
  }
  return fromWapioSessionId(sessionId);
}

/**
 * The caller's scope and session for a contact, group or channel call: `session_id` may come in the
 * query (GET, DELETE) or the JSON body (the SDK adds it to leave and accept).
 */
export function scopeAndSession(req: FastifyRequest): { scope: Scope; session: string } {
  const scope = getScope(req);
  const query = req.query as { session_id?: unknown } | undefined;
  const body = req.body as { session_id?: unknown } | null | undefined;
  const raw = query?.session_id ?? (body && typeof body === 'object' ? body.session_id : undefined);
  if (raw !== undefined && (typeof raw !== 'string' || raw === '')) {
    throw new WapioRefusal(422, 'validation_error', 'session_id must be a non-empty string', 'session_id');
  }
  return { scope, session: sessionOfCall(scope, raw) };
}

// WabSync's success body (API-CATALOG §5.1): `{success: true, message, data}`.
import type { FastifyReply } from 'fastify';
import { InvalidError } from '../../../core/errors.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { fromUuid } from './ids.js';

export function ok<T>(reply: FastifyReply, status: 200 | 201, message: string, data: T) {
  return reply.code(status).send({ success: true as const, message, data });
}

/**
 * The session a message or webhook call acts on: a session token's own (a `session_id` naming
 * another is 422 SESSION_MISMATCH), or the `session_id` the account token names (required).
 */
export function sessionOfCall(scope: Scope, sessionId: string | undefined): string {
  if (scope.kind === 'session_key') {
    if (sessionId !== undefined && fromUuid('ses', sessionId) !== scope.sessionId) {
      throw new InvalidError('session_id: is not the session of this session token', {
        field: 'session_id',
        code: 'SESSION_MISMATCH',
      });
    }
    return scope.sessionId;
  }
  if (sessionId === undefined) {
    throw new InvalidError('session_id: required with the account token', { field: 'session_id' });
  }
  return fromUuid('ses', sessionId);
}

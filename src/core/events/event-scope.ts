// Whose events a caller reads or manages: a session key only its own session's; a PAT its whole
// account, or one session named by id or name (an unknown one is SESSION_NOT_FOUND, not an empty
// answer).
import { InvalidError, NotFoundError } from '../errors.js';
import type { Scope } from '../tokens/scope.js';
import type { EventScope } from './outbox.port.js';

/** The id of the account's (not deleted) session with this id or name, or null. */
export type SessionResolver = (accountId: string, ref: string) => Promise<string | null>;

/** The event scope of a request for `sessionRef` (null = every session the caller may see). */
export async function resolveEventScope(
  scope: Scope,
  sessionRef: string | null,
  resolve: SessionResolver,
  mismatchMessage: string,
): Promise<EventScope> {
  if (scope.kind === 'session_key') {
    // Its own session by name is fine; any other session (or an unknown one) is a mismatch.
    if (
      sessionRef &&
      sessionRef !== scope.sessionId &&
      (await resolve(scope.accountId, sessionRef)) !== scope.sessionId
    ) {
      throw new InvalidError(mismatchMessage, { code: 'SESSION_MISMATCH', field: 'session_id' });
    }
    return { accountId: scope.accountId, sessionId: scope.sessionId };
  }
  if (!sessionRef) return { accountId: scope.accountId, sessionId: null };
  const id = await resolve(scope.accountId, sessionRef);
  if (!id) throw new NotFoundError('SESSION_NOT_FOUND', `Session ${sessionRef} not found`, { field: 'session_id' });
  return { accountId: scope.accountId, sessionId: id };
}

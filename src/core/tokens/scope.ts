// Who is calling. Every core operation takes a Scope first and filters every query by its account;
// a session-key scope is further limited to its own session.
import { ForbiddenError } from '../errors.js';

export interface PatScope {
  kind: 'pat';
  accountId: string;
  tokenId: string;
}

export interface SessionKeyScope {
  kind: 'session_key';
  accountId: string;
  tokenId: string;
  sessionId: string;
}

export type Scope = PatScope | SessionKeyScope;

/** Throws 403 TOKEN_KIND_FORBIDDEN unless the scope is a personal access token. */
export function requireAccountScope(scope: Scope, operation: string): asserts scope is PatScope {
  if (scope.kind !== 'pat') {
    throw new ForbiddenError(
      'TOKEN_KIND_FORBIDDEN',
      `${operation} needs a personal access token (wg_pat_...); session keys cannot do it`,
    );
  }
}

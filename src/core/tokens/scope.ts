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

/** Who owns a resource: its account and, for session-level resources, its session (null = account-wide). */
export interface ResourceOwner {
  accountId: string;
  sessionId: string | null;
}

/**
 * The one visibility rule, used by every service for every resource kind: visible when it is in the
 * caller's account and, for a session key, belongs to the key's own session (account-wide
 * resources are for personal access tokens only). Callers answer an invisible resource exactly as
 * an unknown id (404), so a caller learns nothing of what it cannot see. Store queries filter by
 * account as well; this check does not rely on them.
 */
export function isVisibleTo(scope: Scope, owner: ResourceOwner): boolean {
  return owner.accountId === scope.accountId && (scope.kind === 'pat' || owner.sessionId === scope.sessionId);
}

/** The session a new resource created by this caller belongs to: a session key's own, else none. */
export function sessionOfScope(scope: Scope): string | null {
  return scope.kind === 'session_key' ? scope.sessionId : null;
}

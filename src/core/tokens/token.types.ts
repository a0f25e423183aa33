/**
 * `pat`: personal access token, acts on the whole account.
 * `session_key`: acts on one session only; account-only operations refuse it with 403.
 */
export type TokenKind = 'pat' | 'session_key';

/** A stored credential. The raw token is never stored: only its sha256 `hash`. */
export interface ApiToken {
  id: string;
  accountId: string;
  /** Set for session keys, null for PATs. */
  sessionId: string | null;
  kind: TokenKind;
  /** sha256 of the raw token, lowercase hex. */
  hash: string;
  /** Safe to show: the token's prefix and its last 4 characters, e.g. `wg_sk_...x9Qz`. */
  fingerprint: string;
  name: string | null;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** A token as handed to the caller once, at creation or rotation. */
export interface IssuedToken {
  token: string;
  fingerprint: string;
  createdAt: string;
}

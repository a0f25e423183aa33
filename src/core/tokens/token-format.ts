// Token strings: `wg_pat_<43 base62>` and `wg_sk_<43 base62>` (256 bits of randomness). The prefix
// says what the token is, so logs and secret scanners can recognise it, and lets us reject junk
// before touching the database.
import { createHash } from 'node:crypto';
import { randomBase62 } from '../../lib/base62.js';
import type { TokenKind } from './token.types.js';

const PREFIX: Record<TokenKind, string> = { pat: 'wg_pat_', session_key: 'wg_sk_' };
const BODY_LENGTH = 43;
const TOKEN_RE = /^wg_(pat|sk)_[0-9A-Za-z]{43}$/;

export interface GeneratedToken {
  raw: string;
  hash: string;
  fingerprint: string;
}

export function hashToken(raw: string): string {
  return createHash('sha256').update(raw, 'utf8').digest('hex');
}

/** `wg_sk_...x9Qz`: enough to tell keys apart in a list, useless to an attacker. */
export function fingerprintOf(raw: string): string {
  const prefix = raw.startsWith('wg_pat_') ? 'wg_pat_' : 'wg_sk_';
  return `${prefix}...${raw.slice(-4)}`;
}

export function generateToken(kind: TokenKind): GeneratedToken {
  const raw = PREFIX[kind] + randomBase62(BODY_LENGTH);
  return { raw, hash: hashToken(raw), fingerprint: fingerprintOf(raw) };
}

/** The kind a raw token claims to be, or null when it is not shaped like one of ours. */
export function tokenKindOf(raw: string): TokenKind | null {
  const m = TOKEN_RE.exec(raw);
  if (!m) return null;
  return m[1] === 'pat' ? 'pat' : 'session_key';
}

// Token strings: `<brand>_pat_<43 base62>` and `<brand>_sk_<43 base62>` (256 bits of randomness).
// The brand is `wg` for wagate's own tokens; a surface whose clients expect another product's form
// asks for its brand (e.g. `bps` gives `bps_sk_…`). The token's kind and scope live in the store,
// never in the string: the prefix only lets logs and secret scanners recognise a token, and lets
// us reject junk before touching the database.
import { createHash } from 'node:crypto';
import { randomBase62 } from '../../lib/base62.js';
import { InvalidError } from '../errors.js';
import type { TokenKind } from './token.types.js';

export const DEFAULT_TOKEN_BRAND = 'wg';
const KIND_PART: Record<TokenKind, string> = { pat: 'pat', session_key: 'sk' };
const BODY_LENGTH = 43;
const BRAND_RE = /^[a-z][a-z0-9]{1,15}$/;
const TOKEN_RE = /^([a-z][a-z0-9]{1,15})_(pat|sk)_[0-9A-Za-z]{43}$/;

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
  const m = TOKEN_RE.exec(raw);
  const prefix = m ? `${m[1]}_${m[2]}_` : 'wg_sk_';
  return `${prefix}...${raw.slice(-4)}`;
}

/** A token brand (2–16 lowercase letters and digits, starting with a letter), or a 400 naming `field`. */
export function checkedBrand(brand: string, field = 'prefix'): string {
  if (!BRAND_RE.test(brand))
    throw new InvalidError(`${field}: 2 to 16 lowercase letters and digits, starting with a letter`, { field });
  return brand;
}

export function generateToken(kind: TokenKind, brand: string = DEFAULT_TOKEN_BRAND): GeneratedToken {
  const raw = `${checkedBrand(brand)}_${KIND_PART[kind]}_${randomBase62(BODY_LENGTH)}`;
  return { raw, hash: hashToken(raw), fingerprint: fingerprintOf(raw) };
}

/** The kind a raw token claims to be, or null when it is not shaped like one of ours. */
export function tokenKindOf(raw: string): TokenKind | null {
  const m = TOKEN_RE.exec(raw);
  if (!m) return null;
  return m[2] === 'pat' ? 'pat' : 'session_key';
}

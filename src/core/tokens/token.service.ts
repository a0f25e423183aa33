// Issues and checks API tokens. Raw tokens exist only in memory here and in the one response that
// shows them; the store keeps a sha256 hash. Revocation is checked on every request (no cache), so
// a rotated or revoked token is refused at once.
import { newId } from '../../lib/ids.js';
import { UnauthorizedError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store, StoreRepositories } from '../ports/store.js';
import type { Scope } from './scope.js';
import { generateToken, hashToken, tokenKindOf } from './token-format.js';
import type { ApiToken, IssuedToken, TokenKind } from './token.types.js';

/** last_used_at is written at most this often per token, so auth stays read-only on hot paths. */
const TOUCH_INTERVAL_MS = 60_000;

export interface TokenServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'tokens'>;
  clock: Clock;
  logger: Logger;
}

export class TokenService {
  constructor(private readonly deps: TokenServiceDeps) {}

  /**
   * Create a token in the caller's transaction and return its raw value (shown once). `brand` is
   * the token's leading word (`wg` by default; see token-format.ts); it changes nothing else.
   */
  async issue(
    tx: StoreRepositories,
    input: { kind: TokenKind; accountId: string; sessionId?: string; name?: string; brand?: string },
  ): Promise<IssuedToken & { record: ApiToken }> {
    const generated = generateToken(input.kind, input.brand);
    const record: ApiToken = {
      id: newId(input.kind === 'pat' ? 'pat' : 'sk'),
      accountId: input.accountId,
      sessionId: input.sessionId ?? null,
      kind: input.kind,
      hash: generated.hash,
      fingerprint: generated.fingerprint,
      name: input.name ?? null,
      createdAt: this.deps.clock.now().toISOString(),
      lastUsedAt: null,
      revokedAt: null,
    };
    await tx.tokens.insert(record);
    return { token: generated.raw, fingerprint: record.fingerprint, createdAt: record.createdAt, record };
  }

  /** The fingerprint of a session's active key (safe to show), or null when it has none. */
  async sessionKeyFingerprint(accountId: string, sessionId: string): Promise<string | null> {
    return (await this.deps.store.tokens.findActiveSessionKey(accountId, sessionId))?.fingerprint ?? null;
  }

  /** Turn a raw bearer token into a scope, or throw 401 UNAUTHORIZED (unknown, revoked, malformed). */
  async authenticate(raw: string | undefined): Promise<Scope> {
    if (!raw || tokenKindOf(raw) === null) throw new UnauthorizedError();
    const token = await this.deps.store.tokens.findByHash(hashToken(raw));
    if (!token || token.revokedAt !== null) throw new UnauthorizedError();
    await this.touch(token);
    if (token.kind === 'session_key' && token.sessionId !== null) {
      return { kind: 'session_key', accountId: token.accountId, tokenId: token.id, sessionId: token.sessionId };
    }
    return { kind: 'pat', accountId: token.accountId, tokenId: token.id };
  }

  private async touch(token: ApiToken): Promise<void> {
    const now = this.deps.clock.now();
    const last = token.lastUsedAt ? Date.parse(token.lastUsedAt) : 0;
    if (now.getTime() - last < TOUCH_INTERVAL_MS) return;
    try {
      await this.deps.store.tokens.touch(token.id, now.toISOString());
    } catch (err) {
      // Bookkeeping only: a busy database must not turn a valid request into an error.
      this.deps.logger.warn({ err, tokenId: token.id }, 'could not record token use');
    }
  }
}

// Personal access tokens of the caller's account: list, create (the raw token is returned once) and
// revoke. Only a personal access token may manage them: a session key acts on one session and must
// not mint account-wide credentials. Revocation takes effect on the next request, because
// TokenService.authenticate reads the token row on every request.
import { z } from 'zod';
import { ConflictError, NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import { parseInput } from '../validate.js';
import { requireAccountScope, type Scope } from './scope.js';
import { checkedBrand } from './token-format.js';
import type { TokenService } from './token.service.js';
import type { ApiToken, IssuedToken } from './token.types.js';

/** An account may hold this many unrevoked personal access tokens at once. */
export const MAX_PERSONAL_TOKENS = 50;

const tokenNameSchema = z.string().trim().min(1).max(100);

export interface PersonalTokenServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'tokens'>;
  tokens: TokenService;
  clock: Clock;
  logger: Logger;
}

/** A personal access token as listed: never its raw value or hash. */
export interface PersonalToken {
  id: string;
  name: string | null;
  fingerprint: string;
  createdAt: string;
  lastUsedAt: string | null;
  /** True for the token that made this request. */
  current: boolean;
}

export class PersonalTokenService {
  constructor(private readonly deps: PersonalTokenServiceDeps) {}

  async list(scope: Scope): Promise<PersonalToken[]> {
    requireAccountScope(scope, 'Listing personal access tokens');
    const tokens = await this.deps.store.tokens.listActivePersonal(scope.accountId);
    return tokens.map((t) => toPersonalToken(t, scope.tokenId));
  }

  /**
   * A new token named `name`; the raw value is in the result only. `prefix` is its leading word
   * (`wg` by default): clients of another product's API may expect its form (e.g. `bps_pat_…`).
   */
  async create(scope: Scope, input: { name: string; prefix?: string }): Promise<PersonalToken & IssuedToken> {
    requireAccountScope(scope, 'Creating a personal access token');
    const name = parseInput(tokenNameSchema, input.name, 'name');
    const brand = input.prefix === undefined ? undefined : checkedBrand(input.prefix);
    const issued = await this.deps.store.transaction(async (tx) => {
      const active = await tx.tokens.listActivePersonal(scope.accountId);
      if (active.length >= MAX_PERSONAL_TOKENS) {
        throw new ConflictError(
          'TOKEN_LIMIT_REACHED',
          `An account may hold at most ${MAX_PERSONAL_TOKENS} personal access tokens; revoke one first`,
        );
      }
      return this.deps.tokens.issue(tx, {
        kind: 'pat',
        accountId: scope.accountId,
        name,
        ...(brand ? { brand } : {}),
      });
    });
    this.deps.logger.info({ accountId: scope.accountId, tokenId: issued.record.id }, 'personal access token created');
    return { ...toPersonalToken(issued.record, scope.tokenId), token: issued.token };
  }

  /**
   * Revokes the token at once. Refuses the account's last one (the account would be locked out of
   * the API: only the server's own CLI could let it in again).
   */
  async revoke(scope: Scope, id: string): Promise<void> {
    requireAccountScope(scope, 'Revoking a personal access token');
    await this.deps.store.transaction(async (tx) => {
      const active = await tx.tokens.listActivePersonal(scope.accountId);
      if (!active.some((t) => t.id === id))
        throw new NotFoundError('TOKEN_NOT_FOUND', `Personal access token ${id} not found`, { field: 'id' });
      if (active.length === 1) {
        throw new ConflictError(
          'LAST_TOKEN',
          "This is the account's last personal access token; create another before revoking it",
          { field: 'id' },
        );
      }
      await tx.tokens.revokePersonal(scope.accountId, id, this.deps.clock.now().toISOString());
    });
    this.deps.logger.info({ accountId: scope.accountId, tokenId: id }, 'personal access token revoked');
  }
}

function toPersonalToken(t: ApiToken, callerTokenId: string): PersonalToken {
  return {
    id: t.id,
    name: t.name,
    fingerprint: t.fingerprint,
    createdAt: t.createdAt,
    lastUsedAt: t.lastUsedAt,
    current: t.id === callerTokenId,
  };
}

// Accounts: creation (CLI, first run, tests) and lookup for the caller's own account.
import { newId } from '../../lib/ids.js';
import { NotFoundError } from '../errors.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { Store } from '../ports/store.js';
import type { Scope } from '../tokens/scope.js';
import type { TokenService } from '../tokens/token.service.js';
import type { IssuedToken } from '../tokens/token.types.js';
import { parseInput } from '../validate.js';
import type { Account } from './account.types.js';
import { z } from 'zod';

const accountNameSchema = z.string().trim().min(1).max(100);

export interface AccountServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'accounts'>;
  tokens: TokenService;
  clock: Clock;
  logger: Logger;
}

export interface CreatedAccount {
  account: Account;
  /** The account's first personal access token, shown once. */
  token: IssuedToken;
}

export class AccountService {
  constructor(private readonly deps: AccountServiceDeps) {}

  /** Create an account and its first personal access token in one transaction. */
  async create(input: { name: string }): Promise<CreatedAccount> {
    const name = parseInput(accountNameSchema, input.name, 'name');
    const account: Account = { id: newId('acc'), name, createdAt: this.deps.clock.now().toISOString() };
    const token = await this.deps.store.transaction(async (tx) => {
      await tx.accounts.insert(account);
      return this.deps.tokens.issue(tx, { kind: 'pat', accountId: account.id, name: 'default' });
    });
    this.deps.logger.info({ accountId: account.id }, 'account created');
    return { account, token: { token: token.token, fingerprint: token.fingerprint, createdAt: token.createdAt } };
  }

  /** On an empty database, create the first account; otherwise null. */
  async createFirstIfEmpty(name = 'default'): Promise<CreatedAccount | null> {
    if ((await this.deps.store.accounts.count()) > 0) return null;
    return this.create({ name });
  }

  /** The caller's own account. */
  async get(scope: Scope): Promise<Account> {
    const account = await this.deps.store.accounts.findById(scope.accountId);
    if (!account) throw new NotFoundError('ACCOUNT_NOT_FOUND', 'Account not found');
    return account;
  }
}

// The composition root: picks the adapters for the configured mode and builds the core services.
// Later features add their adapters and services here, explicitly, one line each.
import { readFileSync } from 'node:fs';
import type { Logger as PinoLogger } from 'pino';
import { createPostgresStore } from '../adapters/postgres/index.js';
import { createSqliteStore } from '../adapters/sqlite/index.js';
import { AccountService } from '../core/accounts/account.service.js';
import { systemClock, type Clock } from '../core/ports/clock.js';
import { noopSessionTeardown, type SessionTeardown } from '../core/ports/session-teardown.js';
import type { Store } from '../core/ports/store.js';
import type { CoreServices } from '../core/services.js';
import { SessionService } from '../core/sessions/session.service.js';
import { SystemService } from '../core/system/system.service.js';
import { TokenService } from '../core/tokens/token.service.js';
import type { Config } from './config.js';
import { createLogger } from './logger.js';

export interface Container {
  config: Config;
  logger: PinoLogger;
  clock: Clock;
  store: Store;
  services: CoreServices;
  /** Wait for background work, then close the store. Idempotent. */
  close(): Promise<void>;
}

/** Parts a caller (a test) may supply instead of the defaults. */
export interface ContainerOverrides {
  logger?: PinoLogger;
  clock?: Clock;
  store?: Store;
  teardown?: SessionTeardown;
}

export async function createStore(config: Config['database']): Promise<Store> {
  if (config.kind === 'postgres') {
    return createPostgresStore({ url: config.url, ...(config.schema ? { schema: config.schema } : {}) });
  }
  return createSqliteStore({ file: config.file });
}

export async function createContainer(config: Config, overrides: ContainerOverrides = {}): Promise<Container> {
  const logger = overrides.logger ?? createLogger(config.log);
  const clock = overrides.clock ?? systemClock;
  const store = overrides.store ?? (await createStore(config.database));

  const tokens = new TokenService({ store, clock, logger });
  const accounts = new AccountService({ store, tokens, clock, logger });
  const sessions = new SessionService({ store, tokens, clock, logger, teardown: overrides.teardown ?? noopSessionTeardown });
  const system = new SystemService({ store, version: packageVersion() });

  let closing: Promise<void> | undefined;
  return {
    config,
    logger,
    clock,
    store,
    services: { accounts, tokens, sessions, system },
    close: () =>
      (closing ??= (async () => {
        await sessions.idle();
        await store.close();
      })()),
  };
}

function packageVersion(): string {
  // Two levels up from src/app (tsx) or dist/src/app (built) — try both.
  for (const rel of ['../../package.json', '../../../package.json']) {
    try {
      const pkg = JSON.parse(readFileSync(new URL(rel, import.meta.url), 'utf8')) as { name?: string; version?: string };
      if (pkg.name === 'wagate' && pkg.version) return pkg.version;
    } catch {
      // not there: try the next candidate
    }
  }
  return '0.0.0';
}

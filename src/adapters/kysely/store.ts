// The Store port over any Kysely instance. sqlite/ and postgres/ build the Kysely instance with their
// driver quirks and hand it here; the queries and the migrations are shared.
import { KyselyChatRepository } from './repositories/chat.repository.js';
import { KyselyContactRepository } from './repositories/contact.repository.js';
import { KyselyLabelRepository } from './repositories/label.repository.js';
import { Migrator, sql, type Kysely, type MigrationProvider } from 'kysely';
import { UpstreamError } from '../../core/errors.js';
import type { Store, StoreRepositories } from '../../core/ports/store.js';
import { migrations } from './migrations/index.js';
import { KyselyAccountRepository } from './repositories/account.repository.js';
import { KyselyCounterRepository } from './repositories/counter.repository.js';
import { KyselySessionFenceRepository } from './repositories/session-fence.repository.js';
import { KyselySessionLogRepository } from './repositories/session-log.repository.js';
import { KyselySessionRepository } from './repositories/session.repository.js';
import { KyselyTokenRepository } from './repositories/token.repository.js';
import { KyselyEngineAuthRepository } from './repositories/engine-auth.repository.js';
import { KyselyMessageEventRepository } from './repositories/message-event.repository.js';
import { KyselyMessageRepository } from './repositories/message.repository.js';
import type { Database } from './schema.js';
import type { Sealer } from '../../lib/seal.js';
import { createWebhookRepositories } from './webhook-repositories.js';
import { KyselyMediaRepository } from './repositories/media.repository.js';
import { KyselyOperationsStatsRepository } from './repositories/operations-stats.repository.js';
import { KyselyRetentionRepository } from './repositories/retention.repository.js';
import type { MediaTables } from './media-schema.js';

export interface KyselyStoreOptions {
  dialect: 'sqlite' | 'postgres';
  /** PostgreSQL schema that holds the tables (and the migration table); none on SQLite. */
  schema?: string;
  /** Extra cleanup after the Kysely instance is destroyed. */
  onClose?: () => Promise<void> | void;
  /** Seals reversible secrets at rest (webhook signing secrets); none = stored as given. */
  sealer?: Sealer;
}

/** Repositories bound to one Kysely handle (the pool, or one transaction). */
export function createRepositories(db: Kysely<Database>, sealer?: Sealer): StoreRepositories {
  return {
    accounts: new KyselyAccountRepository(db),
    tokens: new KyselyTokenRepository(db),
    sessions: new KyselySessionRepository(db, sealer),
    chats: new KyselyChatRepository(db),
    contacts: new KyselyContactRepository(db),
    labels: new KyselyLabelRepository(db),
    sessionLogs: new KyselySessionLogRepository(db),
    counters: new KyselyCounterRepository(db),
    fences: new KyselySessionFenceRepository(db),
    messages: new KyselyMessageRepository(db),
    messageEvents: new KyselyMessageEventRepository(db),
    engineAuth: new KyselyEngineAuthRepository(db),
    ...createWebhookRepositories(db, sealer),
    // Kysely<Database> has the media table; the cast only narrows (as createWebhookRepositories does).
    media: new KyselyMediaRepository(db as unknown as Kysely<MediaTables>),
    stats: new KyselyOperationsStatsRepository(db),
    retention: new KyselyRetentionRepository(db),
  };
}

const provider: MigrationProvider = { getMigrations: async () => migrations };

export function createKyselyStore(db: Kysely<Database>, options: KyselyStoreOptions): Store {
  const repositories = createRepositories(db, options.sealer);
  return {
    ...repositories,
    dialect: options.dialect,
    transaction: (fn) => db.transaction().execute((trx) => fn(createRepositories(trx, options.sealer))),
    ping: async () => {
      await sql`select 1`.execute(db);
    },
    migrate: async () => {
      const migrator = new Migrator({
        db,
        provider,
        ...(options.schema ? { migrationTableSchema: options.schema } : {}),
      });
      const { error, results } = await migrator.migrateToLatest();
      if (error)
        throw new UpstreamError(
          'MIGRATION_FAILED',
          // The database's own words say what to fix (a missing schema, a permission, a lock).
          `Database migration failed: ${error instanceof Error ? error.message : String(error)}`,
          { cause: error, retryable: false },
        );
      return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
    },
    close: async () => {
      await db.destroy();
      await options.onClose?.();
    },
  };
}

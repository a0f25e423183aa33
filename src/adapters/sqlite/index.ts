// SQLite store (the single-node default): better-sqlite3 with WAL, synchronous=FULL (every commit on
// disk before the answer), prepared statements reused, foreign keys on, and a busy timeout so a second process
// (`wagate account create` next to a running server) waits instead of failing.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from '../../core/ports/store.js';
import type { Database as Schema } from '../kysely/schema.js';
import { createKyselyStore } from '../kysely/store.js';
import type { Sealer } from '../../lib/seal.js';

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created when missing. `:memory:` for a scratch store. */
  file: string;
  /** Seals reversible secrets at rest (from WAGATE_MASTER_KEY). */
  sealer?: Sealer;
}

export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  // FULL: a commit is on disk before we answer, so a 2xx survives a power loss, not only a process
  // crash. Group commit (src/lib/group-commit.ts) makes that one fsync per batch (bench/accept: about
  // 14 % fewer accepts per second than NORMAL).
  sqlite.pragma('synchronous = FULL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: withStatementCache(sqlite) }) });
  return createKyselyStore(db, { dialect: 'sqlite', ...(options.sealer ? { sealer: options.sealer } : {}) });
}

/** Statements kept prepared, per SQL text (Kysely's driver would prepare every query again). */
const STATEMENT_CACHE_SIZE = 500;

/**
 * The database as Kysely's SqliteDialect sees it, with prepared statements reused: preparing was
 * about a tenth of the accept path's CPU (bench/accept). Kysely's queries are parameterised, so the
 * SQL texts are few; the cache is bounded anyway.
 */
function withStatementCache(sqlite: Database.Database): Database.Database {
  const cache = new Map<string, Database.Statement>();
  const prepare = (sql: string): Database.Statement => {
    let stmt = cache.get(sql);
    if (stmt) {
      cache.delete(sql); // re-insert: most recently used last
    } else {
      stmt = sqlite.prepare(sql);
      if (cache.size >= STATEMENT_CACHE_SIZE) cache.delete(cache.keys().next().value as string);
    }
    cache.set(sql, stmt);
    return stmt;
  };
  return new Proxy(sqlite, {
    get(target, prop, receiver) {
      if (prop === 'prepare') return prepare;
      const value: unknown = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}

// SQLite store (the single-node default): better-sqlite3 with WAL, synchronous=NORMAL (durable across
// process crashes, fsync at checkpoints), foreign keys on, and a busy timeout so a second process
// (`wagate account create` next to a running server) waits instead of failing.
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { Kysely, SqliteDialect } from 'kysely';
import type { Store } from '../../core/ports/store.js';
import type { Database as Schema } from '../kysely/schema.js';
import { createKyselyStore } from '../kysely/store.js';

export interface SqliteStoreOptions {
  /** Path of the database file; its folder is created when missing. `:memory:` for a scratch store. */
  file: string;
}

export function createSqliteStore(options: SqliteStoreOptions): Store {
  if (options.file !== ':memory:') mkdirSync(dirname(options.file), { recursive: true });
  const sqlite = new Database(options.file);
  sqlite.pragma('journal_mode = WAL');
  sqlite.pragma('synchronous = NORMAL');
  sqlite.pragma('foreign_keys = ON');
  sqlite.pragma('busy_timeout = 5000');
  const db = new Kysely<Schema>({ dialect: new SqliteDialect({ database: sqlite }) });
  return createKyselyStore(db, { dialect: 'sqlite' });
}

// PostgreSQL store (cluster mode). The optional `schema` is put on every connection's search_path, so
// one database can hold many isolated wagate instances (each test file gets its own schema).
import { Kysely } from 'kysely';
import pg from 'pg';
import type { Store } from '../../core/ports/store.js';
import type { Database as Schema } from '../kysely/schema.js';
import { createKyselyStore } from '../kysely/store.js';
import { SchemaScopedPostgresDialect } from './schema-scoped-dialect.js';
import type { Sealer } from '../../lib/seal.js';

export interface PostgresStoreOptions {
  /** `postgres://user:pass@host:5432/db` */
  url: string;
  /** Schema for the tables; created if missing. Defaults to the server's search_path (public). */
  schema?: string;
  /** Seals reversible secrets at rest (from WAGATE_MASTER_KEY). */
  sealer?: Sealer;
  /** Pool size. */
  max?: number;
}

const SCHEMA_RE = /^[a-z_][a-z0-9_]{0,62}$/;

export async function createPostgresStore(options: PostgresStoreOptions): Promise<Store> {
  const { schema } = options;
  if (schema !== undefined && !SCHEMA_RE.test(schema)) throw new Error(`invalid PostgreSQL schema name: ${schema}`);
  if (schema) {
    // Create it before the pool's connections point their search_path at it.
    const client = new pg.Client({ connectionString: options.url });
    await client.connect();
    try {
      await client.query(`create schema if not exists "${schema}"`);
    } finally {
      await client.end();
    }
  }
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.max ?? 10,
    ...(schema ? { options: `-c search_path="${schema}"` } : {}),
  });
  // An idle client losing its connection emits 'error' on the pool; without a listener that would
  // crash the process. The next query reconnects.
  pool.on('error', () => {});
  const db = new Kysely<Schema>({ dialect: new SchemaScopedPostgresDialect({ pool }, schema) });
  return createKyselyStore(db, {
    dialect: 'postgres',
    ...(schema ? { schema } : {}),
    ...(options.sealer ? { sealer: options.sealer } : {}),
  });
}

// Test databases: a fresh SQLite file in a temp dir, or a fresh PostgreSQL schema on the local server
// (127.0.0.1:5432, database `test`), dropped again on close. Isolation comes from data: nothing is
// shared between test files.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { DatabaseConfig } from '../../src/app/config.js';

export type Dialect = 'sqlite' | 'postgres';

/** Where PostgreSQL tests connect; override with WAGATE_TEST_PG_URL. */
export const TEST_PG_URL = process.env.WAGATE_TEST_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** Dialects to run `forEachDialect` suites on: WAGATE_TEST_DIALECTS=sqlite,postgres (default both). */
export function testDialects(): Dialect[] {
  const raw = process.env.WAGATE_TEST_DIALECTS ?? 'sqlite,postgres';
  return raw
    .split(',')
    .map((s) => s.trim())
    .filter((s): s is Dialect => s === 'sqlite' || s === 'postgres');
}

export interface TestDatabase {
  dialect: Dialect;
  config: DatabaseConfig;
  /** A temp folder usable as WAGATE_DATA_DIR. */
  dataDir: string;
  /** Remove the temp folder and, on PostgreSQL, drop the schema. */
  drop(): Promise<void>;
}

export async function createTestDatabase(dialect: Dialect): Promise<TestDatabase> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-test-'));
  const removeDir = () => rmSync(dataDir, { recursive: true, force: true });
  if (dialect === 'sqlite') {
    return {
      dialect,
      dataDir,
      config: { kind: 'sqlite', file: join(dataDir, 'wagate.db') },
      drop: async () => removeDir(),
    };
  }
  const schema = `t_${randomBytes(6).toString('hex')}`;
  return {
    dialect,
    dataDir,
    config: { kind: 'postgres', url: TEST_PG_URL, schema },
    drop: async () => {
      removeDir();
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      try {
        await client.query(`drop schema if exists "${schema}" cascade`);
      } finally {
        await client.end();
      }
    },
  };
}

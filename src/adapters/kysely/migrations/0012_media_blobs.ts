// Media bytes in the database (issue 17, cluster mode): the PostgreSQL blob store
// (adapters/pg-blob-store) keeps each file as numbered chunks, so every node reads the same bytes.
// Created on SQLite too (unused there: the disk store serves single-node SQLite).
import { PostgresAdapter, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  const bytes = db.getExecutor().adapter instanceof PostgresAdapter ? 'bytea' : 'blob';
  await db.schema
    .createTable('media_blobs')
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('seq', 'integer', (c) => c.notNull())
    .addColumn('data', bytes, (c) => c.notNull())
    // True on a file's last chunk: a reader that finds a chunk missing before it knows the file was
    // deleted under it (and fails) instead of ending short.
    .addColumn('last', 'boolean', (c) => c.notNull().defaultTo(false))
    .addPrimaryKeyConstraint('media_blobs_pk', ['storage_key', 'seq'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('media_blobs').execute();
}

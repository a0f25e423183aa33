// Stored media files (uploads, fetched URLs, inbound and decrypted media): metadata rows; the bytes
// live under <data dir>/media/. Schema builder only, so it runs on SQLite and PostgreSQL.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('media')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('account_id', 'text', (c) => c.notNull().references('accounts.id').onDelete('cascade'))
    .addColumn('session_id', 'text')
    .addColumn('message_id', 'text')
    .addColumn('token', 'text', (c) => c.notNull().unique())
    .addColumn('mimetype', 'text', (c) => c.notNull())
    .addColumn('ext', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('file_name', 'text')
    .addColumn('origin', 'text', (c) => c.notNull())
    .addColumn('storage_key', 'text', (c) => c.notNull())
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('expires_at', 'text', (c) => c.notNull())
    .execute();
  // The expiry sweep, and the media of a message.
  await db.schema.createIndex('media_expires_idx').on('media').columns(['expires_at']).execute();
  await db.schema.createIndex('media_message_idx').on('media').columns(['message_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('media').ifExists().execute();
}

// Engine tables: Baileys' auth state (creds + Signal keys) per session, messages (both directions,
// which are also the durable send queue: `queued` rows leave FIFO per session), their status
// history, and the linked identity on the session row.
import { sql, type Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('engine_auth')
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('type', 'text', (c) => c.notNull())
    .addColumn('key_id', 'text', (c) => c.notNull())
    .addColumn('value', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('engine_auth_pk', ['session_id', 'type', 'key_id'])
    .execute();

  for (const column of ['wa_jid', 'wa_lid', 'push_name']) {
    await db.schema.alterTable('sessions').addColumn(column, 'text').execute();
  }

  await db.schema
    .createTable('messages')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('seq', 'integer', (c) => c.notNull().unique())
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull().references('sessions.id').onDelete('cascade'))
    .addColumn('direction', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('wa_id', 'text')
    .addColumn('sender_jid', 'text')
    .addColumn('sender_lid', 'text')
    .addColumn('sender_name', 'text')
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('text', 'text')
    .addColumn('content', 'text')
    .addColumn('raw', 'text')
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('error', 'text')
    .addColumn('idempotency_key', 'text')
    .addColumn('wa_timestamp', 'text')
    .addColumn('created_at', 'text', (c) => c.notNull())
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .execute();
  // The send queue: oldest queued message of a session first.
  await db.schema.createIndex('messages_queue_idx').on('messages').columns(['session_id', 'status', 'id']).execute();
  await db.schema.createIndex('messages_chat_idx').on('messages').columns(['session_id', 'chat_id', 'id']).execute();
  // One row per WhatsApp message per session (inbound duplicates and status lookups).
  await db.schema
    .createIndex('messages_wa_id_uq')
    .on('messages')
    .columns(['session_id', 'wa_id'])
    .unique()
    .where(sql.ref('wa_id'), 'is not', null)
    .execute();
  // Idempotency-Key: same key on the same session → the same message.
  await db.schema
    .createIndex('messages_idempotency_uq')
    .on('messages')
    .columns(['session_id', 'idempotency_key'])
    .unique()
    .where(sql.ref('idempotency_key'), 'is not', null)
    .execute();

  await db.schema
    .createTable('message_events')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('message_id', 'text', (c) => c.notNull().references('messages.id').onDelete('cascade'))
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('detail', 'text')
    .addColumn('at', 'text', (c) => c.notNull())
    .execute();
  await db.schema
    .createIndex('message_events_message_idx')
    .on('message_events')
    .columns(['message_id', 'id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const table of ['message_events', 'messages', 'engine_auth'])
    await db.schema.dropTable(table).ifExists().execute();
  for (const column of ['wa_jid', 'wa_lid', 'push_name'])
    await db.schema.alterTable('sessions').dropColumn(column).execute();
}

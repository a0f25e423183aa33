// Chat state (issue 12): archived, pinned, muted, marked unread — set through the API or synced from
// the phone's app state. One row per chat per session; the list joins it to the messages by chat.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('chats')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addColumn('archived_at', 'text')
    .addColumn('pinned_at', 'text')
    .addColumn('muted_until', 'text')
    .addColumn('marked_unread_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('chats_pk', ['session_id', 'chat_id'])
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('chats').execute();
}

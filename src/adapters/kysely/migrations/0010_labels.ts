// Labels (issue 12, WhatsApp Business): the account's labels and which chats carry them, set through
// the API or synced from the phone's app state.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('labels')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('label_id', 'text', (c) => c.notNull())
    .addColumn('name', 'text', (c) => c.notNull())
    .addColumn('color', 'integer', (c) => c.notNull())
    .addColumn('deleted_at', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('labels_pk', ['session_id', 'label_id'])
    .execute();
  await db.schema
    .createTable('label_chats')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    .addColumn('label_id', 'text', (c) => c.notNull())
    .addColumn('chat_id', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('label_chats_pk', ['session_id', 'label_id', 'chat_id'])
    .execute();
  await db.schema.createIndex('label_chats_chat_idx').on('label_chats').columns(['session_id', 'chat_id']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('label_chats').execute();
  await db.schema.dropTable('labels').execute();
}

// Contacts of a linked number (issue 12): what WhatsApp told us of each person (phone, LID, the
// name saved in the phone's address book, the push name they set), kept current from its events.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('contacts')
    .addColumn('account_id', 'text', (c) => c.notNull())
    .addColumn('session_id', 'text', (c) => c.notNull())
    // The phone JID when known, else the LID: one row per person.
    .addColumn('jid', 'text', (c) => c.notNull())
    .addColumn('phone', 'text')
    .addColumn('lid', 'text')
    .addColumn('name', 'text')
    .addColumn('push_name', 'text')
    .addColumn('updated_at', 'text', (c) => c.notNull())
    .addPrimaryKeyConstraint('contacts_pk', ['session_id', 'jid'])
    .execute();
  await db.schema.createIndex('contacts_lid_idx').on('contacts').columns(['session_id', 'lid']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('contacts').execute();
}

// A session's last connection error (issue 9 item 8): why the connection to WhatsApp failed, as a
// stable code, the engine's message and when. Three plain columns, all null when there is none.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

const COLUMNS = ['last_error_code', 'last_error_message', 'last_error_at'] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('sessions').addColumn(column, 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('sessions').dropColumn(column).execute();
}

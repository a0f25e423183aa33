// Message actions (issue 5): an edit, a revoke (delete for everyone), a star and reactions change
// an existing message rather than its delivery status, so they are columns of their own. The
// history of each action is in message_events (status = the action's name).
// 0005, not 0004: 0004 is taken by the media migration written at the same time.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

const COLUMNS = ['edited_at', 'revoked_at', 'starred_at', 'reactions'] as const;

export async function up(db: AnyDb): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('messages').addColumn(column, 'text').execute();
}

export async function down(db: AnyDb): Promise<void> {
  for (const column of COLUMNS) await db.schema.alterTable('messages').dropColumn(column).execute();
}

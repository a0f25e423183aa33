// Cluster mode (issue 17): the highest lease token that wrote for each session. A node's writes that
// matter (claiming a message to send, its requeue, status changes, engine auth state) advance this
// fence to their token in the same transaction and are refused when a newer holder already did.
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema
    .createTable('session_fences')
    .addColumn('session_id', 'text', (c) => c.primaryKey())
    .addColumn('token', 'bigint', (c) => c.notNull())
    .execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropTable('session_fences').execute();
}

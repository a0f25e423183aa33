// Per-account storage quota (issue 10): every upload sums the sizes of its account's stored media,
// so that sum needs an index on account_id (with size, so it is answered from the index alone).
import type { Kysely } from 'kysely';

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- migrations must not depend on the current schema type
type AnyDb = Kysely<any>;

export async function up(db: AnyDb): Promise<void> {
  await db.schema.createIndex('media_account_idx').on('media').columns(['account_id', 'size']).execute();
}

export async function down(db: AnyDb): Promise<void> {
  await db.schema.dropIndex('media_account_idx').execute();
}

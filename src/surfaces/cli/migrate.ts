// `wagate migrate`: apply pending database migrations and say which ran.
import type { Store } from '../../core/ports/store.js';

export async function runMigrate(store: Store, out: (line: string) => void): Promise<void> {
  const applied = await store.migrate();
  out(applied.length === 0 ? 'database is up to date' : `applied: ${applied.join(', ')}`);
}

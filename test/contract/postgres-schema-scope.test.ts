// A wagate on a PostgreSQL schema migrates while other schemas of the same database come and go.
// Kysely's stock introspector read every schema's tables (and looked each schema up by name), so a
// schema dropped meanwhile failed our migration with `schema "…" does not exist`.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import pg from 'pg';
import { createStore } from '../../src/app/container.js';
import { createTestDatabase, testDialects, TEST_PG_URL } from '../support/databases.js';

test('PostgreSQL: migrations succeed while other schemas are created and dropped', {
  skip: !testDialects().includes('postgres'),
}, async () => {
  const admins = await Promise.all(
    [1, 2, 3].map(async () => {
      const client = new pg.Client({ connectionString: TEST_PG_URL });
      await client.connect();
      return client;
    }),
  );
  let churning = true;
  let churned = 0;
  // Other tenants' schemas, each with tables and serial columns, created and dropped in a loop.
  const churn = admins.map(async (admin) => {
    while (churning) {
      const name = `churn_${process.pid}_${churned++}`;
      const tables = Array.from(
        { length: 20 },
        (_, i) => `create table "${name}".t${i} (id serial primary key, v text);`,
      );
      await admin.query(`create schema "${name}"; ${tables.join(' ')}`);
      await admin.query(`drop schema "${name}" cascade`);
    }
  });
  try {
    for (let i = 0; i < 10; i++) {
      const db = await createTestDatabase('postgres');
      const store = await createStore(db.config);
      try {
        const applied = await store.migrate();
        assert.ok(applied.length > 0, 'a fresh schema gets every migration');
        assert.deepEqual(await store.migrate(), [], 'a second run has nothing left to apply');
      } finally {
        await store.close();
        await db.drop();
      }
    }
    assert.ok(churned > 3, `other schemas came and went meanwhile (${churned})`);
  } finally {
    churning = false;
    await Promise.all(churn);
    await Promise.all(admins.map((a) => a.end()));
  }
});

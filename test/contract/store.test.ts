// Runs the Store contract against SQLite and PostgreSQL (each in a fresh file / schema).
import { createStore } from '../../src/app/container.js';
import { createTestDatabase } from '../support/databases.js';
import { forEachDialect } from '../support/dialects.js';
import { storeContract } from './store.contract.js';

forEachDialect((dialect) => {
  storeContract(async () => {
    const db = await createTestDatabase(dialect);
    const store = await createStore(db.config);
    return {
      store,
      close: async () => {
        await store.close();
        await db.drop();
      },
    };
  });
});

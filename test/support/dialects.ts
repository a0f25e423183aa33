// Run one suite on every dialect: `forEachDialect((dialect) => { test(...) })`.
import { describe } from 'node:test';
import { testDialects, type Dialect } from './databases.js';

export function forEachDialect(suite: (dialect: Dialect) => void): void {
  for (const dialect of testDialects()) {
    describe(dialect, () => suite(dialect));
  }
}

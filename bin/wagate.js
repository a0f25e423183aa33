#!/usr/bin/env node
// The `wagate` command. It runs the compiled CLI from dist/ (built by `npm install` through the
// `prepare` script), so plain `node` runs it with no loader.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../dist/src/app/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error('wagate: dist/ is missing. Run `npm install` (or `npm run build`) first.');
  process.exit(1);
}
const { main } = await import(entry.href);
await main(process.argv.slice(2));

#!/usr/bin/env node
// Runs every *.test.ts under src/, sim/, test/ with node's built-in test runner (TypeScript through
// tsx), after a strict type check and the linter (Biome). Node 20's runner takes no globs, so the files are listed here.
// Usage: npm test [-- <path filter> ...]   e.g. `npm test -- sim/` or `npm test -- sessions`
import { spawnSync } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const roots = ['src', 'sim/src', 'sim/test', 'test'];
const filters = process.argv.slice(2).filter((a) => !a.startsWith('-'));
const files = [];
const walk = (dir) => {
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return;
  }
  for (const name of entries) {
    if (name === 'node_modules' || name === 'dist') continue;
    const p = join(dir, name);
    if (statSync(p).isDirectory()) walk(p);
    else if (name.endsWith('.test.ts')) files.push(p);
  }
};
roots.forEach(walk);
const selected = filters.length ? files.filter((f) => filters.some((x) => f.includes(x))) : files;
if (selected.length === 0) {
  console.error('no test files matched');
  process.exit(1);
}

if (!process.env.WAGATE_SKIP_TYPECHECK && filters.length === 0) {
  console.log('type check (tsc --noEmit)…');
  const tc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--noEmit'], {
    stdio: 'inherit',
  });
  if (tc.status !== 0) {
    console.error('type check failed');
    process.exit(tc.status ?? 1);
  }
  console.log('lint and format check (biome check, biome.jsonc)…');
  const lint = spawnSync(
    process.execPath,
    ['node_modules/@biomejs/biome/bin/biome', 'check', '--error-on-warnings', '.'],
    { stdio: 'inherit' },
  );
  if (lint.status !== 0) {
    console.error('lint failed (npm run lint)');
    process.exit(lint.status ?? 1);
  }
}

const concurrency = process.env.WAGATE_TEST_CONCURRENCY ?? '2';
const args = [
  '--import',
  'tsx',
  '--test',
  `--test-concurrency=${concurrency}`,
  '--test-timeout=300000',
  ...selected.sort(),
];
const run = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, WAGATE_ALLOW_PRIVATE_URLS: '1', NODE_ENV: 'test' },
});
process.exit(run.status ?? 1);

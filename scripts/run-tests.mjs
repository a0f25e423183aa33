#!/usr/bin/env node
// Runs every *.test.ts under src/, sim/, test/ with node's built-in test runner, after a strict type
// check and the linter (Biome). Node 20's runner takes no globs, so the files are listed here.
//
// The whole suite runs compiled: the type check emits JavaScript into .test-build/ (the same tsc
// pass, so it costs no more than --noEmit) and the runner starts each file from there. Loading the
// app through tsx's loader hooks took about twice the CPU of loading it compiled, paid once per
// test file (each file is its own process). A filtered run (`npm test -- <filter>`) runs from
// source through tsx, with no build step.
// Usage: npm test [-- <path filter> ...]   e.g. `npm test -- sim/` or `npm test -- sessions`
//        WAGATE_TEST_FROM_SOURCE=1 npm test   the whole suite through tsx (no .test-build/)
//        WAGATE_TEST_COMPILED=1 npm test -- x  a filtered run, compiled as the whole suite runs
import { spawnSync } from 'node:child_process';
import { cpSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
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

// A filtered compiled run builds beside the whole suite's folder, so both can run at once.
const BUILD = filters.length === 0 ? '.test-build' : '.test-build-filtered';
const compiled =
  process.env.WAGATE_TEST_COMPILED === '1' || (filters.length === 0 && !process.env.WAGATE_TEST_FROM_SOURCE);

if (!process.env.WAGATE_SKIP_TYPECHECK && filters.length === 0) {
  console.log(compiled ? `type check and compile (tsc → ${BUILD}/)…` : 'type check (tsc --noEmit)…');
  if (compiled) rmSync(BUILD, { recursive: true, force: true });
  const tscArgs = compiled ? ['--outDir', BUILD, '--sourceMap', 'false'] : ['--noEmit'];
  const tc = spawnSync(process.execPath, ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', ...tscArgs], {
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
} else if (compiled) {
  console.log(`compile (tsc → ${BUILD}/)…`);
  rmSync(BUILD, { recursive: true, force: true });
  const tc = spawnSync(
    process.execPath,
    ['node_modules/typescript/bin/tsc', '-p', 'tsconfig.json', '--outDir', BUILD, '--sourceMap', 'false', '--noCheck'],
    { stdio: 'inherit' },
  );
  if (tc.status !== 0) process.exit(tc.status ?? 1);
}

if (compiled) {
  // What tsc does not emit, next to the compiled files: every other file of the tested folders
  // (fixtures read relative to a test, the dashboard's static files), and the simulator
  // workspace's own dependencies (sim/node_modules holds versions the root does not).
  const notTypeScript = (path) => !path.endsWith('.ts') && !path.includes('node_modules');
  for (const root of roots) cpSync(root, join(BUILD, root), { recursive: true, filter: notTypeScript });
  symlinkSync('../../sim/node_modules', `${BUILD}/sim/node_modules`, 'dir');
}

// Three files at once: many files wait on sockets and timers more than they compute. On this
// machine (2 cores) the whole `npm test` took 15.5 min at two files at once before the force-exit
// and compiled-run changes, 13.6 min at three, and 6.2 min with all of them (691 tests).
const concurrency = process.env.WAGATE_TEST_CONCURRENCY ?? '3';
const toRun = compiled ? selected.sort().map((f) => join(BUILD, f.replace(/\.ts$/, '.js'))) : selected.sort();
const args = [
  ...(compiled ? [] : ['--import', 'tsx']),
  '--test',
  // A file's process ends when its tests (and after-hooks) are done, not when its event loop is
  // empty: Baileys leaves a 30 s pre-key upload timeout armed after a link (Promise.race, never
  // cleared), which kept every file that links a session alive ~30 s after its last test.
  '--test-force-exit',
  `--test-concurrency=${concurrency}`,
  '--test-timeout=300000',
  ...toRun,
];
const run = spawnSync(process.execPath, args, {
  stdio: 'inherit',
  env: { ...process.env, WAGATE_ALLOW_PRIVATE_URLS: '1', NODE_ENV: 'test' },
});
process.exit(run.status ?? 1);

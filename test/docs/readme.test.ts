// The README promises only what exists: every file it names is in the repository, it claims no
// compatibility API until one ships (src/surfaces/compat), and each curl example that sends a JSON
// body says so with a content type (fastify answers 415 otherwise).
import assert from 'node:assert/strict';
import { existsSync, readFileSync } from 'node:fs';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/repo-root.js';

const ROOT = REPO_ROOT;
const readme = readFileSync(new URL('README.md', ROOT), 'utf8');

test('every file the README names exists in the repository', () => {
  const named = [...readme.matchAll(/`((?:\.\.\/|[\w-]+\/)*[\w.-]+\.(?:md|ts|js|json|png|yaml))`/g)].map((m) => m[1]!);
  const missing = named.filter((path) => !path.startsWith('/') && !existsSync(new URL(path, ROOT)));
  assert.deepEqual(missing, []);
  assert.doesNotMatch(readme, /\.\.\/shared|CANONICAL\.md|ARCHITECTURE\.md|STYLE\.md|PERFORMANCE\.md/);
});

test('no compatibility claim until a compatibility surface ships', () => {
  if (existsSync(new URL('src/surfaces/compat', ROOT))) return;
  assert.doesNotMatch(readme, /drop-in|work unchanged|compatibility APIs, CLI/i);
});

test('curl examples with a JSON body send a content type', () => {
  // Join continued lines (`\` + newline, also inside `#` comments) into one command each.
  const commands = readme
    .replace(/\\\n#?\s*/g, ' ')
    .split('\n')
    .filter((l) => /curl /.test(l) && / -d '\{/.test(l));
  assert.ok(commands.length >= 3);
  for (const command of commands) assert.match(command, /content-type: application\/json/i, command);
});

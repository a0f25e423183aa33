// Every error code raised anywhere in src/ must have an entry in docs/errors.md (STYLE §6).
import assert from 'node:assert/strict';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { test } from 'node:test';
import { REPO_ROOT } from '../support/repo-root.js';

const ROOT = REPO_ROOT;
const CODE_RE = /(?:Error\(\s*|super\(\s*|code:\s*|envelope\(\s*|\?\?\s*)'([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)'/g;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return name.endsWith('.ts') && !name.endsWith('.test.ts') ? [path] : [];
  });
}

test('docs/errors.md lists every error code raised in src/', () => {
  const doc = readFileSync(new URL('docs/errors.md', ROOT), 'utf8');
  const missing = new Map<string, string>();
  for (const file of sources(new URL('src', ROOT).pathname)) {
    for (const m of readFileSync(file, 'utf8').matchAll(CODE_RE)) {
      const code = m[1]!;
      if (/^(FST_|SQLITE_)/.test(code)) continue;
      if (!doc.includes(`\`${code}\``)) missing.set(code, file);
    }
  }
  assert.deepEqual([...missing.entries()], [], 'add these codes to docs/errors.md');
});

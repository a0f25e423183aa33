// The repository's root folder, found by walking up to package-lock.json: tests run from source
// (test/…) and from the compiled suite (.test-build/test/…), so a fixed '../../' would point
// into the build in the second case.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

function find(from: URL): URL {
  for (let dir = new URL('./', from); ; dir = new URL('../', dir)) {
    if (existsSync(fileURLToPath(new URL('package-lock.json', dir)))) return dir;
    if (fileURLToPath(dir) === '/') throw new Error(`no package-lock.json above ${fileURLToPath(from)}`);
  }
}

/** The repository root as a folder URL (ends with `/`). */
export const REPO_ROOT: URL = find(new URL(import.meta.url));

// `npm ci` on the oldest Node the package supports prints no EBADENGINE warning: every package the
// lockfile installs accepts that Node version (cookie@2 and content-disposition@3 wanted Node ≥ 22;
// package.json `overrides` pins versions that support Node 20). Also: every dependency install
// script is either allowed or denied in `allowScripts`, so npm has nothing to warn about.
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { test } from 'node:test';
import semver from 'semver';
import { REPO_ROOT } from '../support/repo-root.js';

const ROOT = REPO_ROOT;
const pkg = JSON.parse(readFileSync(new URL('package.json', ROOT), 'utf8')) as {
  engines: { node: string };
  allowScripts?: Record<string, boolean>;
};
const lock = JSON.parse(readFileSync(new URL('package-lock.json', ROOT), 'utf8')) as {
  packages: Record<
    string,
    {
      version?: string;
      engines?: { node?: string } | string[];
      optional?: boolean;
      os?: string[];
      cpu?: string[];
      hasInstallScript?: boolean;
    }
  >;
};

/** Lockfile entries npm installs on this machine (optional ones for other platforms are skipped). */
function installed(): Array<[string, (typeof lock.packages)[string]]> {
  return Object.entries(lock.packages).filter(([path, entry]) => {
    if (path === '' || !path.includes('node_modules/')) return false;
    const otherOs = entry.os && !entry.os.includes(process.platform);
    const otherCpu = entry.cpu && !entry.cpu.includes(process.arch);
    return !(entry.optional && (otherOs || otherCpu));
  });
}

test('every installed package accepts the oldest supported Node and this one (no EBADENGINE)', () => {
  const oldest = semver.minVersion(pkg.engines.node)!.version;
  const refused: string[] = [];
  for (const [path, entry] of installed()) {
    const range = !entry.engines || Array.isArray(entry.engines) ? undefined : entry.engines.node;
    if (!range) continue;
    for (const node of [oldest, process.versions.node]) {
      if (!semver.satisfies(node, range)) refused.push(`${path}@${entry.version} wants node ${range} (not ${node})`);
    }
  }
  assert.deepEqual(refused, []);
});

test('every dependency with an install script is allowed or denied explicitly (allowScripts)', () => {
  const decided = pkg.allowScripts ?? {};
  const name = (path: string) => path.slice(path.lastIndexOf('node_modules/') + 'node_modules/'.length);
  const undecided = installed()
    .filter(([path, entry]) => entry.hasInstallScript && !(name(path) in decided))
    .map(([path]) => name(path));
  assert.deepEqual([...new Set(undecided)], []);
});

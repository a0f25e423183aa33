// The dashboard's files, read once at start into memory: our own modules from public/ and the
// three vendor modules (Preact, its hooks, htm) straight from their installed packages, so there is
// no build step. Only names listed here are served, so no request path ever reaches the file system.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export interface Asset {
  body: Buffer;
  type: string;
  etag: string;
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.html': 'text/html; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
};

/** Browser import names → the installed package entry they load. */
const VENDOR: Record<string, string> = { preact: 'preact', 'preact/hooks': 'preact/hooks', htm: 'htm' };

function asset(body: Buffer, name: string): Asset {
  return {
    body,
    type: TYPES[extname(name)] ?? 'application/octet-stream',
    etag: `"${createHash('sha256').update(body).digest('base64url').slice(0, 22)}"`,
  };
}

/**
 * public/ sits beside this file in the source tree. The compiled server runs from
 * dist/src/surfaces/dashboard/, where tsc copies no static files, so it reads the source tree's.
 */
export function publicDir(): string {
  const candidates = [
    new URL('./public/', import.meta.url),
    new URL('../../../../src/surfaces/dashboard/public/', import.meta.url),
  ];
  for (const url of candidates) {
    const dir = fileURLToPath(url);
    if (existsSync(join(dir, 'index.html'))) return dir;
  }
  throw new Error('dashboard files not found (src/surfaces/dashboard/public)');
}

export interface DashboardAssets {
  /** index.html, with its import map already filled in. */
  page: Asset;
  /** The import map's inline script, hashed for the Content-Security-Policy. */
  importMapHash: string;
  /** `/dashboard/assets/<name>` and `/dashboard/vendor/<name>` → file. */
  files: Map<string, Asset>;
}

export function loadDashboardAssets(): DashboardAssets {
  const dir = publicDir();
  const files = new Map<string, Asset>();
  for (const name of readdirSync(dir)) {
    if (name === 'index.html' || !TYPES[extname(name)]) continue;
    files.set(`assets/${name}`, asset(readFileSync(join(dir, name)), name));
  }
  const imports: Record<string, string> = {};
  for (const [specifier, pkg] of Object.entries(VENDOR)) {
    const file = fileURLToPath(import.meta.resolve(pkg));
    const served = `${specifier.replace('/', '-')}.mjs`;
    files.set(`vendor/${served}`, asset(readFileSync(file), served));
    imports[specifier] = `/dashboard/vendor/${served}`;
  }
  const importMap = JSON.stringify({ imports });
  const html = readFileSync(join(dir, 'index.html'), 'utf8').replace('{{IMPORT_MAP}}', importMap);
  return {
    page: asset(Buffer.from(html), 'index.html'),
    importMapHash: `'sha256-${createHash('sha256').update(importMap).digest('base64')}'`,
    files,
  };
}

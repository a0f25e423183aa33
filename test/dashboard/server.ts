// The real server, in process and listening on a loopback port, in simulator mode (the offline
// demo) or not, on a fresh SQLite data dir; plus a tiny /v1 client for checks beside the browser.
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { loadConfig } from '../../src/app/config.js';
import { startServer, type RunningServer } from '../../src/app/server.js';

export interface DashboardServer {
  server: RunningServer;
  url: string;
  token: string;
  /** What the server printed at start. */
  output: string;
  api(method: string, path: string, body?: unknown, token?: string): Promise<{ status: number; body: any }>; // eslint-disable-line @typescript-eslint/no-explicit-any
  close(): Promise<void>;
}

export async function startDashboardServer(options: { simulator: boolean }): Promise<DashboardServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-dashboard-'));
  const lines: string[] = [];
  const config = loadConfig({
    WAGATE_DATA_DIR: dataDir,
    WAGATE_HOST: '127.0.0.1',
    WAGATE_PORT: '0',
    WAGATE_LOG_LEVEL: 'warn',
    WAGATE_LOG_PRETTY: 'false',
    WAGATE_ALLOW_PRIVATE_URLS: '1', // the webhook receiver is on loopback
    ...(options.simulator ? { WAGATE_SIMULATOR: '1' } : {}),
  });
  const server = await startServer(config, { print: (line) => lines.push(line), handleSignals: false });
  const output = lines.join('\n');
  const token = /token:\s+(wg_pat_\S+)/.exec(output)?.[1];
  if (!token) throw new Error(`no first-run token in:\n${output}`);
  return {
    server,
    url: server.url,
    token,
    output,
    async api(method, path, body, as = token) {
      const res = await fetch(`${server.url}${path}`, {
        method,
        headers: {
          authorization: `Bearer ${as}`,
          ...(body === undefined ? {} : { 'content-type': 'application/json' }),
        },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      return { status: res.status, body: await res.json().catch(() => null) };
    },
    async close() {
      await server.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

let axeSource: string | null = null;

/** Runs axe-core on the page as it is and returns the serious and critical violations. */
export interface Violation {
  id: string;
  impact: string;
  help: string;
  targets: string[];
}

export async function seriousViolations(page: Page): Promise<Violation[]> {
  axeSource ??= await readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
  await page.evaluate(axeSource);
  // Evaluated by the driver (DevTools protocol), which the page's Content-Security-Policy does not govern.
  // A string, evaluated in the page: the test tree has no DOM types.
  return page.evaluate<Violation[]>(`axe.run(document, { resultTypes: ['violations'] }).then((r) => r.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, targets: v.nodes.map((n) => String(n.target)) })))`);
}

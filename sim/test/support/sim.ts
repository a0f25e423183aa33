import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimHandle, type SimulatorOptions } from '../../src/index.js';
import type { UserFacingSocketConfig } from 'baileys';
import { startClient, type MemoryAuth, type TestClient } from './client.js';

/** Quiet logger for tests: problems are recorded by `unhandled()` and asserted on. */
export const quiet = { debug() {}, info() {}, warn() {}, error() {} };

export async function startSim(opts: SimulatorOptions = {}): Promise<SimHandle> {
  return startSimulator({ logger: quiet, ...opts });
}

export function tempDir(): { path: string; remove(): void } {
  const path = mkdtempSync(join(tmpdir(), 'wagate-sim-'));
  return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export async function control<T = unknown>(
  sim: SimHandle,
  method: string,
  path: string,
  body?: unknown,
): Promise<{ status: number; body: T }> {
  const res = await fetch(`${sim.controlUrl}${path}`, {
    method,
    headers: body === undefined ? {} : { 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: res.status, body: (await res.json()) as T };
}

/**
 * QR link as a user does it: the client shows a QR, the account's phone scans it, the client
 * restarts on 515 and logs in. Returns the logged-in (open) client; `extra` are socket options for it.
 */
export async function linkByQr(
  sim: SimHandle,
  phone: string,
  auth?: MemoryAuth,
  extra: Partial<UserFacingSocketConfig> = {},
): Promise<TestClient> {
  await control(sim, 'POST', '/sim/accounts', { phone });
  const first = startClient(sim.wsUrl, auth);
  const { qr } = await first.waitForUpdate((u) => !!u.qr, 15_000, 'qr');
  const res = await control(sim, 'POST', `/sim/accounts/${phone}/link`, { qr });
  if (res.status !== 200) throw new Error(`link failed: ${JSON.stringify(res.body)}`);
  await first.waitForUpdate((u) => u.connection === 'close', 15_000, 'close after pairing');
  if (first.closeCode() !== 515) throw new Error(`expected 515 after pairing, got ${first.closeCode()}`);
  const second = startClient(sim.wsUrl, first.auth, extra);
  await second.waitForUpdate((u) => u.connection === 'open', 20_000, 'open after 515');
  // Let the post-login queries (props, blocklist, privacy, app state) finish before a test acts.
  await second.waitForUpdate((u) => u.receivedPendingNotifications === true, 20_000, 'offline flush');
  await new Promise((r) => setTimeout(r, 200));
  return second;
}

/** Polls `check` every 50 ms until it holds; fails naming `what` after `timeoutMs`. */
export async function until(what: string, check: () => boolean | Promise<boolean>, timeoutMs = 10_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// The simulator as its own process (`wagate sim`), as the fault and cluster suites run it: WhatsApp
// outlives a gateway crash. The caller says how to spawn `wagate` (from source or from dist/).
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { stop, waitForOutput } from './cli.js';

export interface SimProcess {
  controlUrl: string;
  /** The WebSocket port (put a TCP proxy in front of it to cut or freeze connections). */
  port: number;
  wsUrl: string;
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  close(): Promise<void>;
}

export async function startSimProcess(
  spawnWagate: (args: string[], env: Record<string, string>) => ChildProcessWithoutNullStreams,
  tmpPrefix = 'wagate-sim-',
): Promise<SimProcess> {
  const dataDir = mkdtempSync(join(tmpdir(), tmpPrefix));
  const child = spawnWagate(['sim', '--port', '0', '--data-dir', dataDir], { WAGATE_LOG_LEVEL: 'warn' });
  const out = await waitForOutput(child, /simulator control:\s+(\S+)/, 60_000);
  const port = Number(/simulator WebSocket:\s+ws:\/\/127\.0\.0\.1:(\d+)/.exec(out)?.[1]);
  const controlUrl = /simulator control:\s+(\S+)/.exec(out)?.[1] ?? '';
  return {
    controlUrl,
    port,
    wsUrl: `ws://127.0.0.1:${port}/ws/chat`,
    async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${controlUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`sim ${method} ${path} → ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    async close() {
      await stop(child);
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

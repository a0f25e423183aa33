// Starts the simulator in a child process (so its CPU and memory are not the measured process's)
// and returns its URLs once it listens.
import type { ChildProcess } from 'node:child_process';
import { spawnJsonLine } from './child-json.js';

export interface SimChild {
  child: ChildProcess;
  controlUrl: string;
  wsUrl: string;
  mediaCaPem: string | null;
  /** POST to the control API; throws on a non-2xx answer. */
  control<T = unknown>(path: string, body?: unknown, method?: 'GET' | 'POST'): Promise<T>;
  stop(): void;
}

export async function startSimChild(dataDir: string): Promise<SimChild> {
  const code = `import('./sim/src/index.ts').then(async (m) => { const h = await m.startSimulator({ port: 0, dataDir: ${JSON.stringify(dataDir)} }); console.log(JSON.stringify({ controlUrl: h.controlUrl, wsUrl: h.wsUrl, mediaCaPem: h.mediaCaPem ?? null })); });`;
  const { child, info: urls } = await spawnJsonLine<{ controlUrl: string; wsUrl: string; mediaCaPem: string | null }>([
    '--input-type=module',
    '-e',
    code,
  ]);
  return {
    child,
    ...urls,
    async control<T>(
      path: string,
      body?: unknown,
      method: 'GET' | 'POST' = body === undefined ? 'GET' : 'POST',
    ): Promise<T> {
      const res = await fetch(`${urls.controlUrl}${path}`, {
        method,
        ...(body === undefined ? {} : { headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) }),
      });
      if (!res.ok) throw new Error(`${method} ${path}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    },
    stop: () => child.kill('SIGTERM'),
  };
}

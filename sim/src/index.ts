import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { SIM_ROOT } from './cert/chain.js';
import { controlHandler } from './control/http.js';
import { SimControl, type SimStats } from './control/operations.js';
import type { SimLogger } from './server/logger.js';
import { Simulator, type UnhandledStanza } from './server/simulator.js';

export type { SimLogger } from './server/logger.js';
export type { SimStats, AccountView } from './control/operations.js';
export type { UnhandledStanza } from './server/simulator.js';
export { SimControl, ControlError } from './control/operations.js';

export interface SimulatorOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Default 127.0.0.1. */
  host?: string;
  /** Where accounts, links, keys and queues persist; absent = memory only. */
  dataDir?: string;
  logger?: SimLogger;
  /** QR refs per registering companion (Baileys shows one per qrTimeout, then ends with 408). */
  qrRefs?: number;
}

export interface SimHandle {
  port: number;
  /** `ws://127.0.0.1:P/ws/chat`: Baileys' `waWebSocketUrl`. */
  wsUrl: string;
  /** `http://127.0.0.1:P`: the control API lives under `/sim/`. */
  controlUrl: string;
  /** The simulator's certificate root (the preload makes Baileys trust it). */
  rootPublicKey: Uint8Array;
  /** In-process control: the same operations as the HTTP API. */
  control: SimControl;
  stats(): SimStats;
  /** Stanzas the simulator did not understand (its own tests require none). */
  unhandled(): UnhandledStanza[];
  close(): Promise<void>;
}

/** Starts the simulator: WebSocket endpoint and control API on one HTTP server. */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<SimHandle> {
  const sim = new Simulator({
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.logger ? { logger: opts.logger } : {}),
    ...(opts.qrRefs ? { qrRefs: opts.qrRefs } : {}),
  });
  const control = new SimControl(sim);
  const server = createServer(controlHandler(control, (err) => sim.log.error({ err }, 'control API error')));
  const wss = new WebSocketServer({ noServer: true });
  server.on('upgrade', (req, socket, head) => {
    if ((req.url ?? '').split('?')[0] !== '/ws/chat') {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(req, socket, head, (ws) => sim.attach(ws));
  });
  const host = opts.host ?? '127.0.0.1';
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const shown = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  let closed = false;
  return {
    port,
    wsUrl: `ws://${shown}:${port}/ws/chat`,
    controlUrl: `http://${shown}:${port}`,
    rootPublicKey: SIM_ROOT.public,
    control,
    stats: () => control.stats(),
    unhandled: () => sim.unhandledStanzas(),
    close: async () => {
      if (closed) return;
      closed = true;
      await sim.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

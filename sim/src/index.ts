import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer } from 'ws';
import { SIM_ROOT } from './cert/chain.js';
import { controlHandler } from './control/http.js';
import { SimControl, type SimStats } from './control/operations.js';
import type { SimLogger } from './server/logger.js';
import { Simulator, type UnhandledStanza } from './server/simulator.js';
import { startMedia } from './media/index.js';

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
  /** Port of the HTTPS media host (0/absent = a free port); fix it so media URLs survive restarts. */
  mediaPort?: number;
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
  /**
   * The media host's CA (PEM). Baileys uploads and downloads media over https to `mediaHost`; trust
   * this CA there (an https.Agent `ca` for `fetchAgent`, an undici dispatcher for downloads, or
   * NODE_EXTRA_CA_CERTS=mediaCaPath for a child process). See sim/README.md "Media".
   */
  mediaCaPem: string;
  /** A file holding `mediaCaPem` (in the data dir, or a temp file removed on close). */
  mediaCaPath: string;
  /** `127.0.0.1:PORT` of the HTTPS media host, as media_conn announces it. */
  mediaHost: string;
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
  const media = await startMedia(sim, {
    host,
    shownHost: shown,
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
    ...(opts.mediaPort ? { port: opts.mediaPort } : {}),
  }).catch(async (err: unknown) => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
    throw err;
  });
  let closed = false;
  return {
    port,
    wsUrl: `ws://${shown}:${port}/ws/chat`,
    controlUrl: `http://${shown}:${port}`,
    rootPublicKey: SIM_ROOT.public,
    control,
    mediaCaPem: media.caPem,
    mediaCaPath: media.caPath,
    mediaHost: media.hostname,
    stats: () => control.stats(),
    unhandled: () => sim.unhandledStanzas(),
    close: async () => {
      if (closed) return;
      closed = true;
      await sim.close();
      await media.close();
      wss.close();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

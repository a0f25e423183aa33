// Loads the WhatsApp simulator (sim/, a separate workspace) only when asked for: `wagate sim` and
// WAGATE_SIMULATOR=1. The specifier is a variable so neither the type checker nor the build ties
// src/ to sim/'s internals; only its public start function is used (STYLE §1).

export interface SimulatorHandle {
  wsUrl: string;
  controlUrl: string;
  /** The simulator's Noise certificate root (the engine trusts it in simulator mode). */
  rootPublicKey?: Uint8Array;
  /** CA of the simulator's HTTPS media host (the engine and media fetcher trust it). */
  mediaCaPem?: string;
  close(): Promise<void>;
}

interface SimulatorModule {
  startSimulator(opts: { port?: number; host?: string; dataDir?: string }): Promise<SimulatorHandle>;
}

export class SimulatorUnavailableError extends Error {
  constructor(cause: unknown) {
    super('simulator not available: sim/ is missing or not built (run `npm install`)', { cause });
    this.name = 'SimulatorUnavailableError';
  }
}

export async function startSimulator(opts: {
  port: number;
  host?: string;
  dataDir?: string;
}): Promise<SimulatorHandle> {
  const specifier = '../../sim/src/index.js';
  let mod: SimulatorModule;
  try {
    mod = (await import(specifier)) as SimulatorModule;
  } catch (err) {
    throw new SimulatorUnavailableError(err);
  }
  if (typeof mod.startSimulator !== 'function')
    throw new SimulatorUnavailableError(new Error('no startSimulator export'));
  return mod.startSimulator({
    port: opts.port,
    host: opts.host ?? '127.0.0.1',
    ...(opts.dataDir ? { dataDir: opts.dataDir } : {}),
  });
}

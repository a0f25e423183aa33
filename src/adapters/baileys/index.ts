// The Baileys adapter: the only place that imports `baileys`.
import type { EngineAuthStore, EngineFactory } from '../../core/ports/engine.js';
import type { Sealer } from '../../lib/seal.js';
import { BaileysEngine } from './baileys-engine.js';
import type { PinoLike } from './logger.js';

export interface BaileysEngineConfig {
  authStore: EngineAuthStore;
  sealer: Sealer;
  logger: PinoLike;
  /** WhatsApp's endpoint by default; the simulator's `ws://…/ws/chat` in tests and the demo. */
  waWebSocketUrl?: string;
  qrTimeoutMs?: number;
  keepAliveIntervalMs?: number;
  connectTimeoutMs?: number;
  queryTimeoutMs?: number;
  markOnlineOnConnect?: boolean;
  /** Baileys' own log level (it is chatty): silent unless debugging the protocol. */
  baileysLogLevel?: string;
  /**
   * Extra CA certificates (PEM) to trust for WhatsApp media uploads and downloads, on top of the
   * system roots: the simulator's media host has its own CA (SimHandle.mediaCaPem).
   */
  extraCaPem?: string[];
}

export function createBaileysEngineFactory(config: BaileysEngineConfig): EngineFactory {
  return { create: (options) => new BaileysEngine(options, config) };
}

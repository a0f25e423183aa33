// The Baileys adapter: the only place that imports `baileys`.
import { DEFAULT_CONNECTION_CONFIG, WA_CERT_DETAILS } from 'baileys';
import type { EngineAuthStore, EngineFactory } from '../../core/ports/engine.js';
import type { Sealer } from '../../lib/seal.js';
import { BaileysEngine } from './baileys-engine.js';
import type { PinoLike } from './logger.js';
import { routeSignalConsole } from './signal-console.js';

/** The WhatsApp Web client version the engine announces (e.g. `2.3000.1043857760`). */
export const WA_WEB_VERSION = DEFAULT_CONNECTION_CONFIG.version.join('.');

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
  /**
   * WAGATE_ALLOW_PRIVATE_URLS: inbound media URLs (named by the sender) may point at private or
   * local hosts. Off by default; the simulator's media host is on loopback.
   */
  allowPrivateUrls?: boolean;
  /**
   * Simulator mode only: the simulator's certificate root, trusted instead of WhatsApp's for the
   * Noise handshake. Baileys rc14 does not enforce that check (sim/test/cert-canary.test.ts), but a
   * release that does would otherwise refuse the simulator. It changes a process-wide constant, so
   * it is never set when talking to WhatsApp.
   */
  trustServerRoot?: Uint8Array;
}

export function createBaileysEngineFactory(config: BaileysEngineConfig): EngineFactory {
  // Signal key material must never reach stdout (libsignal prints sessions with console.*).
  routeSignalConsole(config.logger);
  if (config.trustServerRoot) {
    if (config.trustServerRoot.length !== WA_CERT_DETAILS.PUBLIC_KEY.length)
      throw new Error('trustServerRoot must be a 32-byte Curve25519 public key');
    WA_CERT_DETAILS.PUBLIC_KEY.set(config.trustServerRoot);
  }
  return { create: (options) => new BaileysEngine(options, config) };
}

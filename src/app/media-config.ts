// The WAGATE_MEDIA_* variables and WAGATE_PUBLIC_URL: a fragment of config.ts's env schema plus the
// typed section it builds. Durations as in webhook-config.ts (`30s`, `15m`, `24h`, `7d`).
import { z } from 'zod';
import { duration } from './webhook-config.js';

export interface MediaAppConfig {
  /** How long uploaded, decrypted and inbound media files are kept. */
  ttlMs: number;
  /** Media used by an accepted send is kept at least this long (queued messages may wait). */
  sendHoldMs: number;
  /** Whole-request time limit when fetching a media URL (body included). */
  fetchTimeoutMs: number;
  /** How often expired media is deleted. */
  sweepIntervalMs: number;
  /** Base of public media URLs, e.g. `https://wa.example.com`; null → the request's own origin. */
  publicBaseUrl: string | null;
  /**
   * Where media bytes live: `disk` (this node's data dir), `postgres` (the database, shared by every
   * node), or `auto` (postgres in cluster mode, else disk).
   */
  store: MediaStoreKind | 'auto';
}

export type MediaStoreKind = 'disk' | 'postgres';

/** The store `auto` stands for: PostgreSQL in cluster mode (every node reads every file), else disk. */
export function mediaStoreFor(store: MediaAppConfig['store'], mode: 'single' | 'cluster'): MediaStoreKind {
  if (store !== 'auto') return store;
  return mode === 'cluster' ? 'postgres' : 'disk';
}

/** Spread into config.ts's env schema. */
export const mediaEnvShape = {
  WAGATE_MEDIA_TTL: duration('WAGATE_MEDIA_TTL', 24 * 3_600_000, 1_000),
  WAGATE_MEDIA_SEND_HOLD: duration('WAGATE_MEDIA_SEND_HOLD', 7 * 24 * 3_600_000, 1_000),
  WAGATE_MEDIA_FETCH_TIMEOUT: duration('WAGATE_MEDIA_FETCH_TIMEOUT', 60_000, 100),
  WAGATE_MEDIA_SWEEP_INTERVAL: duration('WAGATE_MEDIA_SWEEP_INTERVAL', 10 * 60_000, 100),
  WAGATE_MEDIA_STORE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'auto' : v.toLowerCase()))
    .pipe(z.enum(['auto', 'disk', 'postgres'], { message: 'WAGATE_MEDIA_STORE must be auto, disk or postgres' })),
  WAGATE_PUBLIC_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^https?:\/\/[^/\s]+(\/\S*)?$/.test(v),
      'WAGATE_PUBLIC_URL must be an http:// or https:// URL',
    )
    .transform((v) => (v ? v.replace(/\/+$/, '') : null)),
};

type Parsed = { [K in keyof typeof mediaEnvShape]: z.output<(typeof mediaEnvShape)[K]> };

export function mediaConfigFrom(e: Parsed): MediaAppConfig {
  return {
    ttlMs: e.WAGATE_MEDIA_TTL,
    sendHoldMs: e.WAGATE_MEDIA_SEND_HOLD,
    fetchTimeoutMs: e.WAGATE_MEDIA_FETCH_TIMEOUT,
    sweepIntervalMs: e.WAGATE_MEDIA_SWEEP_INTERVAL,
    publicBaseUrl: e.WAGATE_PUBLIC_URL,
    store: e.WAGATE_MEDIA_STORE,
  };
}

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
}

/** Spread into config.ts's env schema. */
export const mediaEnvShape = {
  WAGATE_MEDIA_TTL: duration('WAGATE_MEDIA_TTL', 24 * 3_600_000, 1_000),
  WAGATE_MEDIA_SEND_HOLD: duration('WAGATE_MEDIA_SEND_HOLD', 7 * 24 * 3_600_000, 1_000),
  WAGATE_MEDIA_FETCH_TIMEOUT: duration('WAGATE_MEDIA_FETCH_TIMEOUT', 60_000, 100),
  WAGATE_MEDIA_SWEEP_INTERVAL: duration('WAGATE_MEDIA_SWEEP_INTERVAL', 10 * 60_000, 100),
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
  };
}

// The WAGATE_WEBHOOK_* variables: a fragment of config.ts's env schema plus the typed section it
// builds. Durations accept `500ms`, `30s`, `15m`, `24h`, `7d` or a plain number of seconds.
import { z } from 'zod';

export interface WebhookConfig {
  /** Give up (dead-letter) a delivery this long after the event. */
  maxAgeMs: number;
  /** First retry delay; doubles per failure (with ±20 % jitter). */
  retryBaseMs: number;
  /** Longest delay between two attempts. */
  retryMaxDelayMs: number;
  /** Whole-request timeout of one attempt. */
  timeoutMs: number;
  /** Concurrent requests (and connections) to one destination origin. */
  perDestination: number;
  /** Claimed deliveries in flight in this process. */
  maxInFlight: number;
}

const UNITS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000 };

export function parseDuration(v: string): number | null {
  const m = /^\s*(\d+(?:\.\d+)?)\s*(ms|s|m|h|d)?\s*$/.exec(v);
  if (!m || !m[1]) return null;
  return Math.round(Number(m[1]) * (UNITS[m[2] ?? 's'] ?? 1_000));
}

/** A duration variable (also used by media-config.ts). */
export const duration = (name: string, fallbackMs: number, minMs: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallbackMs;
      const ms = parseDuration(v);
      if (ms === null || ms < minMs) {
        ctx.addIssue({
          code: 'custom',
          message: `${name} must be a duration like 30s, 15m, 24h (at least ${minMs} ms; got "${v}")`,
        });
        return z.NEVER;
      }
      return ms;
    });

const count = (name: string, fallback: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1 || n > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be an integer 1-${max} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

/** Spread into config.ts's env schema. */
export const webhookEnvShape = {
  WAGATE_WEBHOOK_MAX_AGE: duration('WAGATE_WEBHOOK_MAX_AGE', 24 * 3_600_000, 1_000),
  WAGATE_WEBHOOK_RETRY_BASE: duration('WAGATE_WEBHOOK_RETRY_BASE', 5_000, 10),
  WAGATE_WEBHOOK_RETRY_MAX_DELAY: duration('WAGATE_WEBHOOK_RETRY_MAX_DELAY', 3_600_000, 10),
  WAGATE_WEBHOOK_TIMEOUT: duration('WAGATE_WEBHOOK_TIMEOUT', 10_000, 100),
  WAGATE_WEBHOOK_CONCURRENCY: count('WAGATE_WEBHOOK_CONCURRENCY', 8, 256),
  WAGATE_WEBHOOK_MAX_IN_FLIGHT: count('WAGATE_WEBHOOK_MAX_IN_FLIGHT', 256, 10_000),
};

type Parsed = { [K in keyof typeof webhookEnvShape]: z.output<(typeof webhookEnvShape)[K]> };

export function webhookConfigFrom(e: Parsed): WebhookConfig {
  return {
    maxAgeMs: e.WAGATE_WEBHOOK_MAX_AGE,
    retryBaseMs: e.WAGATE_WEBHOOK_RETRY_BASE,
    retryMaxDelayMs: e.WAGATE_WEBHOOK_RETRY_MAX_DELAY,
    timeoutMs: e.WAGATE_WEBHOOK_TIMEOUT,
    perDestination: e.WAGATE_WEBHOOK_CONCURRENCY,
    maxInFlight: e.WAGATE_WEBHOOK_MAX_IN_FLIGHT,
  };
}

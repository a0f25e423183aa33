// Limits that keep one tenant (or one anonymous client) from exhausting the server: failed
// authentications per client address, uploads in flight, per-account storage and sessions, and the
// time a client may take to send its request. A fragment of config.ts's env schema plus the typed
// section it builds.
import { z } from 'zod';
import { duration } from './webhook-config.js';

/** A whole number ≥ min, with a default when unset. */
export const count = (name: string, fallback: number, min: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number >= ${min} (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

export interface TenantLimitsConfig {
  /** Requests with a missing or invalid token allowed per client address per minute (then 429). */
  authFailuresPerMinute: number;
  /** Media uploads being received at once, in the whole process and per account (then 429 UPLOADS_BUSY). */
  uploadsInFlight: number;
  uploadsInFlightPerAccount: number;
  /** Bytes of media an account may keep stored (null = no cap). */
  accountStorageBytes: number | null;
  /** Sessions an account may have (null = no cap). */
  accountMaxSessions: number | null;
  /** A request (headers and body) must arrive within this time, or the connection is closed. */
  requestTimeoutMs: number;
}

/** Spread into config.ts's env schema. */
export const tenantLimitsEnvShape = {
  WAGATE_AUTH_FAILURES_PER_MINUTE: count('WAGATE_AUTH_FAILURES_PER_MINUTE', 60, 1),
  WAGATE_UPLOADS_MAX_IN_FLIGHT: count('WAGATE_UPLOADS_MAX_IN_FLIGHT', 8, 1),
  WAGATE_UPLOADS_MAX_IN_FLIGHT_PER_ACCOUNT: count('WAGATE_UPLOADS_MAX_IN_FLIGHT_PER_ACCOUNT', 2, 1),
  WAGATE_ACCOUNT_STORAGE_BYTES: count('WAGATE_ACCOUNT_STORAGE_BYTES', 5 * 1024 ** 3, 0),
  WAGATE_ACCOUNT_MAX_SESSIONS: count('WAGATE_ACCOUNT_MAX_SESSIONS', 100, 0),
  WAGATE_REQUEST_TIMEOUT: duration('WAGATE_REQUEST_TIMEOUT', 120_000, 1_000),
};

type Parsed = { [K in keyof typeof tenantLimitsEnvShape]: z.output<(typeof tenantLimitsEnvShape)[K]> };

export function tenantLimitsFrom(e: Parsed): TenantLimitsConfig {
  return {
    authFailuresPerMinute: e.WAGATE_AUTH_FAILURES_PER_MINUTE,
    uploadsInFlight: e.WAGATE_UPLOADS_MAX_IN_FLIGHT,
    uploadsInFlightPerAccount: e.WAGATE_UPLOADS_MAX_IN_FLIGHT_PER_ACCOUNT,
    accountStorageBytes: e.WAGATE_ACCOUNT_STORAGE_BYTES === 0 ? null : e.WAGATE_ACCOUNT_STORAGE_BYTES,
    accountMaxSessions: e.WAGATE_ACCOUNT_MAX_SESSIONS === 0 ? null : e.WAGATE_ACCOUNT_MAX_SESSIONS,
    requestTimeoutMs: e.WAGATE_REQUEST_TIMEOUT,
  };
}

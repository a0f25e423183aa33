// The operations variables: who may read /metrics, and how long a stop may take. A fragment of
// config.ts's env schema plus the typed section it builds.
import { z } from 'zod';
import { duration } from './webhook-config.js';

export interface OpsConfig {
  /**
   * Bearer token that /metrics requires when set. Unset: /metrics answers only when the server
   * listens on a loopback address and the request was not forwarded by a proxy (docs/deploy.md).
   */
  metricsToken: string | null;
  /** How long a stop (SIGTERM) waits for in-flight work before it closes anyway. */
  shutdownTimeoutMs: number;
}

/** Spread into config.ts's env schema. */
export const opsEnvShape = {
  WAGATE_METRICS_TOKEN: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^[\x21-\x7e]{16,200}$/.test(v),
      'WAGATE_METRICS_TOKEN must be 16-200 printable characters without spaces',
    ),
  WAGATE_SHUTDOWN_TIMEOUT: duration('WAGATE_SHUTDOWN_TIMEOUT', 10_000, 0),
};

type Parsed = z.output<z.ZodObject<typeof opsEnvShape>>;

export function opsConfigFrom(e: Parsed): OpsConfig {
  return { metricsToken: e.WAGATE_METRICS_TOKEN || null, shutdownTimeoutMs: e.WAGATE_SHUTDOWN_TIMEOUT };
}

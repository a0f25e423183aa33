// The WAGATE_RETENTION_* variables: how long events, the webhook delivery log and message bodies
// are kept, and how the pruner paces itself. A fragment of config.ts's env schema plus the typed
// section it builds. docs/retention.md.
import type { RetentionPolicy } from '../core/retention/retention-pruner.js';
import { count } from './tenant-limits-config.js';
import { duration } from './webhook-config.js';

export interface RetentionConfig extends RetentionPolicy {
  /** How often the pruner runs. */
  intervalMs: number;
}

/** Spread into config.ts's env schema. Days are whole numbers; 0 keeps forever. */
export const retentionEnvShape = {
  WAGATE_RETENTION_EVENTS_DAYS: count('WAGATE_RETENTION_EVENTS_DAYS', 30, 0),
  WAGATE_RETENTION_WEBHOOK_ATTEMPTS_DAYS: count('WAGATE_RETENTION_WEBHOOK_ATTEMPTS_DAYS', 14, 0),
  WAGATE_RETENTION_MESSAGE_BODIES_DAYS: count('WAGATE_RETENTION_MESSAGE_BODIES_DAYS', 0, 0),
  WAGATE_RETENTION_BATCH: count('WAGATE_RETENTION_BATCH', 500, 1),
  WAGATE_RETENTION_INTERVAL: duration('WAGATE_RETENTION_INTERVAL', 10 * 60_000, 1_000),
};

type Parsed = { [K in keyof typeof retentionEnvShape]: number };

export function retentionConfigFrom(e: Parsed): RetentionConfig {
  return {
    eventsDays: e.WAGATE_RETENTION_EVENTS_DAYS,
    webhookAttemptsDays: e.WAGATE_RETENTION_WEBHOOK_ATTEMPTS_DAYS,
    messageBodiesDays: e.WAGATE_RETENTION_MESSAGE_BODIES_DAYS,
    batch: e.WAGATE_RETENTION_BATCH,
    intervalMs: e.WAGATE_RETENTION_INTERVAL,
  };
}

// The cluster variables: single-node (default) or cluster mode, this node's id, Redis and the lease
// timings. A fragment of config.ts's env schema plus the typed section it builds; the cross-field
// check (cluster needs PostgreSQL and Redis) lives in clusterProblems, run after the parse.
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { z } from 'zod';
import { duration } from './webhook-config.js';
import { count } from './tenant-limits-config.js';

export interface ClusterConfig {
  /** `single`: one process, SQLite or PostgreSQL, in-process leases. `cluster`: N nodes on PostgreSQL + Redis. */
  mode: 'single' | 'cluster';
  /** This node's name: the `node` of the sessions it holds and of /health. */
  nodeId: string;
  /** Redis for leases, routing and shared limits; null in single mode. */
  redisUrl: string | null;
  /** Every Redis key of this cluster starts with it (one cluster per prefix; tests use one per run). */
  redisPrefix: string;
  /** A lease not renewed for this long expires and another node may take the session. */
  leaseTtlMs: number;
  /** Sessions this node holds at most (0 = no limit). */
  maxSessions: number;
  /** Sessions this node connects at once while taking over or rebalancing (no reconnect storm). */
  takeoverConcurrency: number;
}

export const clusterEnvShape = {
  WAGATE_MODE: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'single' : v.toLowerCase()))
    .pipe(z.enum(['single', 'cluster'], { message: 'WAGATE_MODE must be single or cluster' })),
  WAGATE_NODE_ID: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^[A-Za-z0-9._-]{1,64}$/.test(v),
      'WAGATE_NODE_ID must be 1-64 letters, digits, dots, dashes or underscores',
    ),
  WAGATE_REDIS_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^rediss?:\/\/[^/]+/.test(v),
      'WAGATE_REDIS_URL must be a redis:// or rediss:// URL',
    ),
  WAGATE_REDIS_PREFIX: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^[A-Za-z0-9._:-]{1,64}$/.test(v),
      'WAGATE_REDIS_PREFIX must be 1-64 letters, digits, dots, colons, dashes or underscores',
    ),
  WAGATE_LEASE_TTL: duration('WAGATE_LEASE_TTL', 10_000, 2_000),
  WAGATE_NODE_MAX_SESSIONS: count('WAGATE_NODE_MAX_SESSIONS', 0, 0),
  WAGATE_TAKEOVER_CONCURRENCY: count('WAGATE_TAKEOVER_CONCURRENCY', 4, 1),
};

type Parsed = z.output<z.ZodObject<typeof clusterEnvShape>>;

/** What is wrong with the cluster settings given the chosen database (empty when fine). */
export function clusterProblems(e: Parsed, databaseUrl: string | undefined): string[] {
  if (e.WAGATE_MODE !== 'cluster') return [];
  const problems: string[] = [];
  if (!databaseUrl || !/^postgres(ql)?:/.test(databaseUrl))
    problems.push(
      'WAGATE_MODE=cluster needs WAGATE_DATABASE_URL=postgres://… (SQLite is one file on one machine: nodes cannot share it)',
    );
  if (!e.WAGATE_REDIS_URL) problems.push('WAGATE_MODE=cluster needs WAGATE_REDIS_URL=redis://… (leases and routing)');
  return problems;
}

export function clusterConfigFrom(e: Parsed): ClusterConfig {
  return {
    mode: e.WAGATE_MODE,
    // Generated when unset: unique per process, readable in logs (host name + random suffix).
    nodeId:
      e.WAGATE_NODE_ID ||
      `${
        hostname()
          .replace(/[^A-Za-z0-9._-]/g, '')
          .slice(0, 40) || 'node'
      }-${randomBytes(3).toString('hex')}`,
    redisUrl: e.WAGATE_REDIS_URL || null,
    redisPrefix: e.WAGATE_REDIS_PREFIX || 'wagate:',
    leaseTtlMs: e.WAGATE_LEASE_TTL,
    maxSessions: e.WAGATE_NODE_MAX_SESSIONS,
    takeoverConcurrency: e.WAGATE_TAKEOVER_CONCURRENCY,
  };
}

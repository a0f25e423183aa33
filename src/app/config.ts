// The only reader of process.env. One zod schema over the WAGATE_* variables, every bad value
// reported at once, defaults that run with zero configuration, then a typed nested object.
import { resolve } from 'node:path';
import { z } from 'zod';
import { webhookConfigFrom, webhookEnvShape, type WebhookConfig } from './webhook-config.js';
import { mediaConfigFrom, mediaEnvShape, type MediaAppConfig } from './media-config.js';
import { count, tenantLimitsEnvShape, tenantLimitsFrom, type TenantLimitsConfig } from './tenant-limits-config.js';
import { opsConfigFrom, opsEnvShape, type OpsConfig } from './ops-config.js';
import { retentionConfigFrom, retentionEnvShape, type RetentionConfig } from './retention-config.js';
import { clusterConfigFrom, clusterEnvShape, clusterProblems, type ClusterConfig } from './cluster-config.js';

export type LogLevel = 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';

export type DatabaseConfig = { kind: 'sqlite'; file: string } | { kind: 'postgres'; url: string; schema?: string };

export interface Config {
  server: { host: string; port: number; bodyLimit: number };
  dataDir: string;
  database: DatabaseConfig;
  log: { level: LogLevel; pretty: boolean };
  security: {
    /** Key for encrypting auth state at rest; null means stored unencrypted. */
    masterKey: string | null;
    /** Let media URLs, webhooks and proxies reach private and loopback addresses. */
    allowPrivateUrls: boolean;
  };
  simulator: { enabled: boolean; port: number };
  webhooks: WebhookConfig;
  /** Media storage, expiry and URL fetching (WAGATE_MEDIA_*, WAGATE_PUBLIC_URL). */
  media: MediaAppConfig;
  /** Per-tenant and per-client limits (WAGATE_AUTH_FAILURES_PER_MINUTE, WAGATE_UPLOADS_*, WAGATE_ACCOUNT_*, WAGATE_REQUEST_TIMEOUT). */
  tenants: TenantLimitsConfig;
  /** /metrics access and the shutdown deadline (WAGATE_METRICS_TOKEN, WAGATE_SHUTDOWN_TIMEOUT). */
  ops: OpsConfig;
  /** Single node or cluster, this node's id, Redis and leases (WAGATE_MODE, WAGATE_NODE_ID, WAGATE_REDIS_URL, …). */
  cluster: ClusterConfig;
  /** How long events, the webhook delivery log and message bodies are kept (WAGATE_RETENTION_*). */
  retention: RetentionConfig;
  limits: {
    /** API requests per minute per token. */
    requestsPerMinute: number;
    /** Sends accepted per session per minute (plan limit) and per day (null = no cap). */
    sendPerMinute: number;
    sendPerDay: number | null;
    /** Sends in flight to WhatsApp at once per session (1 = strict FIFO). */
    sendMaxInFlight: number;
  };
  engine: {
    /** WhatsApp WebSocket endpoint override (e.g. a standalone simulator's ws://…/ws/chat); null = WhatsApp. */
    waWebSocketUrl: string | null;
    /** WAGATE_PROXY_URL: the proxy of every session without a proxy_url of its own; null = direct. */
    proxyUrl: string | null;
    /** WAGATE_BAILEYS_LOG_LEVEL: Baileys' own protocol log (chatty, may name peers); silent by default. */
    baileysLogLevel: (typeof LEVELS)[number];
  };
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n  ${problems.join('\n  ')}`);
    this.name = 'ConfigError';
  }
}

const bool = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      const s = (v ?? '').trim().toLowerCase();
      if (['', '0', 'false', 'no', 'off'].includes(s)) return false;
      if (['1', 'true', 'yes', 'on'].includes(s)) return true;
      ctx.addIssue({ code: 'custom', message: `${name} must be true or false (got "${v}")` });
      return z.NEVER;
    });

const port = (name: string) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v.trim() === '') return undefined;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 0 || n > 65535) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a port number 0-65535 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    });

const LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const envSchema = z.object({
  WAGATE_HOST: z.string().min(1).default('127.0.0.1'),
  WAGATE_PORT: port('WAGATE_PORT'),
  WAGATE_DATA_DIR: z.string().min(1).default('./data'),
  WAGATE_DATABASE_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^(postgres|postgresql|sqlite|file):/.test(v) || !v.includes('://'),
      'WAGATE_DATABASE_URL must be postgres://…, sqlite:<path> or a file path',
    ),
  WAGATE_LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'info' : v.toLowerCase()))
    .pipe(z.enum(LEVELS, { message: `WAGATE_LOG_LEVEL must be one of ${LEVELS.join(', ')}` })),
  WAGATE_BAILEYS_LOG_LEVEL: z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? 'silent' : v.toLowerCase()))
    .pipe(z.enum(LEVELS, { message: `WAGATE_BAILEYS_LOG_LEVEL must be one of ${LEVELS.join(', ')}` })),
  WAGATE_BODY_LIMIT: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return 1_048_576;
      const n = Number(v);
      if (!Number.isInteger(n) || n < 1024) {
        ctx.addIssue({ code: 'custom', message: `WAGATE_BODY_LIMIT must be a number of bytes >= 1024 (got "${v}")` });
        return z.NEVER;
      }
      return n;
    }),
  WAGATE_MASTER_KEY: z
    .string()
    .optional()
    .refine((v) => v === undefined || v === '' || v.length >= 32, 'WAGATE_MASTER_KEY must be at least 32 characters'),
  WAGATE_ALLOW_PRIVATE_URLS: bool('WAGATE_ALLOW_PRIVATE_URLS'),
  WAGATE_SIMULATOR: bool('WAGATE_SIMULATOR'),
  WAGATE_SIMULATOR_PORT: port('WAGATE_SIMULATOR_PORT'),
  WAGATE_LOG_PRETTY: bool('WAGATE_LOG_PRETTY').optional(),
  ...webhookEnvShape,
  ...mediaEnvShape,
  ...tenantLimitsEnvShape,
  ...opsEnvShape,
  ...clusterEnvShape,
  ...retentionEnvShape,
  WAGATE_RATE_LIMIT_PER_MINUTE: count('WAGATE_RATE_LIMIT_PER_MINUTE', 600, 1),
  WAGATE_SEND_PER_MINUTE: count('WAGATE_SEND_PER_MINUTE', 256, 1),
  WAGATE_SEND_PER_DAY: count('WAGATE_SEND_PER_DAY', 0, 0),
  WAGATE_SEND_MAX_IN_FLIGHT: count('WAGATE_SEND_MAX_IN_FLIGHT', 1, 1),
  WAGATE_PROXY_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^(https?|socks5):\/\/[^/]+/.test(v),
      'WAGATE_PROXY_URL must be an http://, https:// or socks5:// URL',
    ),
  WAGATE_WA_WS_URL: z
    .string()
    .optional()
    .refine(
      (v) => v === undefined || v === '' || /^wss?:\/\/[^/]+/.test(v),
      'WAGATE_WA_WS_URL must be a ws:// or wss:// URL',
    ),
});

/** Parse the environment (pass `process.env`). Throws ConfigError listing every problem. */
export function loadConfig(env: Record<string, string | undefined>, opts: { isTty?: boolean } = {}): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) =>
        i.message.startsWith('WAGATE_') ? i.message : `${String(i.path[0])}: ${i.message}`,
      ),
    );
  }
  const e = parsed.data;
  const clusterIssues = clusterProblems(e, e.WAGATE_DATABASE_URL);
  if (clusterIssues.length > 0) throw new ConfigError(clusterIssues);
  const dataDir = resolve(e.WAGATE_DATA_DIR);
  const portNumber = e.WAGATE_PORT ?? 3000;
  return {
    server: { host: e.WAGATE_HOST, port: portNumber, bodyLimit: e.WAGATE_BODY_LIMIT },
    dataDir,
    database: databaseConfig(e.WAGATE_DATABASE_URL, dataDir),
    log: {
      level: e.WAGATE_LOG_LEVEL,
      pretty: env.WAGATE_LOG_PRETTY !== undefined ? e.WAGATE_LOG_PRETTY === true : (opts.isTty ?? false),
    },
    security: { masterKey: e.WAGATE_MASTER_KEY || null, allowPrivateUrls: e.WAGATE_ALLOW_PRIVATE_URLS },
    simulator: {
      enabled: e.WAGATE_SIMULATOR,
      port: e.WAGATE_SIMULATOR_PORT ?? (portNumber === 0 ? 0 : portNumber + 1),
    },
    engine: {
      waWebSocketUrl: e.WAGATE_WA_WS_URL || null,
      proxyUrl: e.WAGATE_PROXY_URL || null,
      baileysLogLevel: e.WAGATE_BAILEYS_LOG_LEVEL,
    },
    limits: {
      requestsPerMinute: e.WAGATE_RATE_LIMIT_PER_MINUTE,
      sendPerMinute: e.WAGATE_SEND_PER_MINUTE,
      sendPerDay: e.WAGATE_SEND_PER_DAY === 0 ? null : e.WAGATE_SEND_PER_DAY,
      sendMaxInFlight: e.WAGATE_SEND_MAX_IN_FLIGHT,
    },
    webhooks: webhookConfigFrom(e),
    media: mediaConfigFrom(e),
    tenants: tenantLimitsFrom(e),
    ops: opsConfigFrom(e),
    cluster: clusterConfigFrom(e),
    retention: retentionConfigFrom(e),
  };
}

/**
 * `postgres://…` selects PostgreSQL; a `?schema=name` parameter puts the tables in that schema.
 * Anything else is an SQLite file: `sqlite:path`, `file:path` or a bare path; default data/wagate.db.
 */
function databaseConfig(url: string | undefined, dataDir: string): DatabaseConfig {
  if (!url) return { kind: 'sqlite', file: resolve(dataDir, 'wagate.db') };
  if (/^postgres(ql)?:/.test(url)) {
    const u = new URL(url);
    const schema = u.searchParams.get('schema');
    u.searchParams.delete('schema');
    return { kind: 'postgres', url: u.toString(), ...(schema ? { schema } : {}) };
  }
  const path = url.replace(/^(sqlite|file):(\/\/)?/, '');
  return { kind: 'sqlite', file: path === ':memory:' ? path : resolve(path) };
}

/**
 * What the client commands (`wagate sessions|send|tokens|webhooks`) read from the environment: the
 * server to talk to and the token. Flags override both; checks happen where they are used.
 */
export function loadClientEnv(env: Record<string, string | undefined>): { WAGATE_URL?: string; WAGATE_TOKEN?: string } {
  return {
    ...(env.WAGATE_URL ? { WAGATE_URL: env.WAGATE_URL } : {}),
    ...(env.WAGATE_TOKEN ? { WAGATE_TOKEN: env.WAGATE_TOKEN } : {}),
  };
}

// A local cluster on loopback, all real processes: the simulator (`wagate sim`) in its own process
// and N wagate nodes (`bin/wagate.js serve`, built dist/) in WAGATE_MODE=cluster on the local
// PostgreSQL (a schema of its own per run) and Redis (a key prefix of its own per run). Nodes can be
// killed with SIGKILL, paused (SIGSTOP/SIGCONT) and started again. Everything is driven through
// the public /v1 API of whichever node, and the simulator's control API. `close()` drops the schema
// and the Redis keys.
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFileSync, existsSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stop, waitForOutput } from '../support/cli.js';
import { TEST_PG_URL } from '../support/databases.js';
import { startSimProcess, type SimProcess } from '../support/sim-process.js';
import { waitFor } from '../support/sim.js';

const BIN = fileURLToPath(new URL('../../bin/wagate.js', import.meta.url));
const DIST_CLI = fileURLToPath(new URL('../../dist/src/app/cli.js', import.meta.url));
const SRC = fileURLToPath(new URL('../../src', import.meta.url));
const SIM_SRC = fileURLToPath(new URL('../../sim/src', import.meta.url));
export const TEST_REDIS_URL = process.env.WAGATE_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/**
 * Why the nodes cannot run from dist/ (missing, or older than a source file: the processes would
 * run stale code), or null when they can. Build with `npx tsc -p tsconfig.build.json`.
 */
export function distProblem(): string | null {
  if (!existsSync(DIST_CLI)) return 'dist/ is missing: run `npx tsc -p tsconfig.build.json` first';
  const built = statSync(DIST_CLI).mtimeMs;
  const newer = (dir: string): string | null => {
    for (const name of readdirSync(dir)) {
      const path = join(dir, name);
      const st = statSync(path);
      if (st.isDirectory()) {
        const found = newer(path);
        if (found) return found;
      } else if (name.endsWith('.ts') && !name.endsWith('.test.ts') && st.mtimeMs > built) return path;
    }
    return null;
  };
  const stale = newer(SRC) ?? newer(SIM_SRC);
  return stale ? `dist/ is older than ${stale}: run \`npx tsc -p tsconfig.build.json\` first` : null;
}

function spawnBuilt(args: string[], env: Record<string, string>): ChildProcessWithoutNullStreams {
  return spawn(process.execPath, [BIN, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: 'pipe' });
}

// JSON bodies of the API under test (its routes have their own typed tests).
type Json = any;

/** The simulator in its own process, from dist/ like the nodes. */
export const startSim = (): Promise<SimProcess> => startSimProcess(spawnBuilt, 'wagate-cluster-sim-');

/** One wagate node: a process that can be started, killed, paused and started again under its id. */
export class ClusterNode {
  private child: ChildProcessWithoutNullStreams | null = null;
  url = '';
  /** Everything the node printed, kept on disk too (printed by a failing suite). */
  output = '';
  readonly logFile: string;
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'wagate-cluster-node-'));

  constructor(
    readonly id: string,
    private readonly env: Record<string, string>,
    private readonly cluster: LocalCluster,
  ) {
    this.logFile = join(tmpdir(), `wagate-cluster-${cluster.runId}-${id}.log`);
  }

  /** SIGSTOPped: its process exists but answers nothing. */
  paused = false;

  /** Started and answering (not killed, stopped or paused). */
  get running(): boolean {
    return this.child !== null && !this.paused;
  }

  async start(): Promise<string> {
    const child = spawnBuilt(['serve'], { ...this.env, WAGATE_NODE_ID: this.id, WAGATE_DATA_DIR: this.dataDir });
    const keep = (d: Buffer) => {
      this.output += d.toString();
      appendFileSync(this.logFile, d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.child = child;
    const out = await waitForOutput(child, /"msg":"wagate listening"/, 90_000);
    this.url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)?.[1] ?? '';
    return out;
  }

  /** SIGKILL: no shutdown code runs; its leases stay until they expire. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }

  pause(): void {
    this.paused = true;
    this.child?.kill('SIGSTOP');
  }

  resume(): void {
    this.child?.kill('SIGCONT');
    this.paused = false;
  }

  /** SIGTERM: a graceful stop that hands the node's sessions over. */
  async stop(): Promise<void> {
    if (this.child) {
      this.resume();
      await stop(this.child);
    }
    this.child = null;
  }

  async api<T = Json>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.cluster.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      // A node paused or killed under the request must not hang the suite.
      signal: AbortSignal.timeout(20_000),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async close(): Promise<void> {
    await this.stop();
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

export interface ClusterOptions {
  nodes: number;
  /** WAGATE_LEASE_TTL (default 3s: takeovers in seconds). */
  leaseTtl?: string;
  /** Extra environment for every node. */
  env?: Record<string, string>;
}

/** The simulator plus N nodes on one PostgreSQL schema and one Redis prefix. */
export class LocalCluster {
  readonly runId = randomBytes(5).toString('hex');
  readonly schema = `cl_${this.runId}`;
  readonly redisPrefix = `wagate-test:cluster-${this.runId}:`;
  readonly nodes: ClusterNode[] = [];
  token = '';
  sim!: SimProcess;
  /** Every node's environment (the run's database, Redis prefix, simulator). */
  private env: Record<string, string> = {};

  constructor(private readonly options: ClusterOptions) {}

  /** Starts the simulator and, once the database is migrated and has an account, the nodes at once. */
  async start(): Promise<void> {
    const databaseUrl = `${TEST_PG_URL}?schema=${this.schema}`;
    const [sim, token] = await Promise.all([startSim(), createAccount(databaseUrl)]);
    this.sim = sim;
    this.token = token;
    const env: Record<string, string> = {
      WAGATE_MODE: 'cluster',
      WAGATE_DATABASE_URL: databaseUrl,
      WAGATE_REDIS_URL: TEST_REDIS_URL,
      WAGATE_REDIS_PREFIX: this.redisPrefix,
      WAGATE_LEASE_TTL: this.options.leaseTtl ?? '3s',
      WAGATE_PORT: '0',
      WAGATE_LOG_LEVEL: 'info',
      WAGATE_LOG_PRETTY: 'false',
      WAGATE_WA_WS_URL: this.sim.wsUrl,
      WAGATE_ALLOW_PRIVATE_URLS: '1',
      // Sends paced only by the pipeline: the suite counts loss and duplicates, not protection.
      WAGATE_SEND_PER_MINUTE: '6000',
      WAGATE_RATE_LIMIT_PER_MINUTE: '100000',
      ...this.options.env,
    };
    this.env = env;
    for (let i = 1; i <= this.options.nodes; i++) this.nodes.push(new ClusterNode(`node-${i}`, env, this));
    await Promise.all(this.nodes.map((n) => n.start()));
  }

  /** Starts one more node (`node-<n+1>`), with `env` over the cluster's; resolves once it listens. */
  async addNode(env: Record<string, string> = {}): Promise<ClusterNode> {
    const node = new ClusterNode(`node-${this.nodes.length + 1}`, { ...this.env, ...env }, this);
    this.nodes.push(node);
    await node.start();
    return node;
  }

  node(id: string): ClusterNode {
    const n = this.nodes.find((x) => x.id === id);
    if (!n) throw new Error(`no node ${id}`);
    return n;
  }

  /** A running node other than `except` (round robin over calls). */
  private turn = 0;
  any(except?: string): ClusterNode {
    const live = this.nodes.filter((n) => n.running && n.id !== except);
    if (!live.length) throw new Error('no running node');
    return live[this.turn++ % live.length]!;
  }

  /**
   * A new simulated phone linked as a session, created, connected and scanned through various
   * nodes; the node that takes the connect (`connectVia`, else the next in turn) holds it.
   */
  async linkSession(name: string, connectVia?: ClusterNode): Promise<{ sessionId: string; phone: string }> {
    const phone = testPhone();
    await this.sim.control('POST', '/sim/accounts', { phone, pushName: name });
    const created = await this.any().api('POST', '/v1/sessions', { name });
    if (created.status !== 201) throw new Error(`create: ${created.status} ${JSON.stringify(created.body)}`);
    const sessionId: string = created.body.session.id;
    const connected = await (connectVia ?? this.any()).api('POST', `/v1/sessions/${sessionId}/connect`);
    if (connected.status !== 202) throw new Error(`connect: ${connected.status} ${JSON.stringify(connected.body)}`);
    const qr = await waitFor(
      'a QR code',
      async () => {
        const res = await this.any().api('GET', `/v1/sessions/${sessionId}/qr`);
        return res.status === 200 ? (res.body.qr as string) : undefined;
      },
      30_000,
      200,
    );
    await this.sim.control('POST', `/sim/accounts/${phone}/link`, { qr });
    await this.waitConnected(sessionId);
    const patched = await this.any().api('PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
    if (patched.status !== 200) throw new Error(`settings: ${patched.status} ${JSON.stringify(patched.body)}`);
    return { sessionId, phone };
  }

  /** The session as a node sees it (status and `node`, its holder). */
  async session(sessionId: string, via?: ClusterNode): Promise<{ status: string; node: string | null }> {
    const res = await (via ?? this.any()).api('GET', `/v1/sessions/${sessionId}`);
    return res.body.session;
  }

  /** Waits until the session is connected and held (optionally by a node other than `notBy`); returns its holder. */
  async waitConnected(sessionId: string, notBy?: string, timeoutMs = 60_000): Promise<string> {
    return waitFor(
      `session ${sessionId} connected${notBy ? ` on a node other than ${notBy}` : ''}`,
      async () => {
        const s = await this.session(sessionId, this.any(notBy));
        return s.status === 'connected' && s.node && s.node !== notBy ? s.node : undefined;
      },
      timeoutMs,
      100,
    );
  }

  async close(): Promise<void> {
    await Promise.all(this.nodes.map((n) => n.close().catch(() => undefined)));
    await this.sim?.close().catch(() => undefined);
    await dropRun(this.schema, this.redisPrefix);
  }
}

/** Migrates the run's schema and creates its account (`wagate account create`); resolves with its token. */
async function createAccount(databaseUrl: string): Promise<string> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-cluster-account-'));
  const child = spawnBuilt(['account', 'create', '--name', 'cluster', '--json'], {
    WAGATE_DATABASE_URL: databaseUrl,
    WAGATE_DATA_DIR: dataDir,
    WAGATE_LOG_LEVEL: 'error',
  });
  const out = await waitForOutput(child, /"token":"(wg_pat_[0-9A-Za-z]{43})"/, 60_000);
  await stop(child);
  rmSync(dataDir, { recursive: true, force: true });
  return /"token":"(wg_pat_[0-9A-Za-z]{43})"/.exec(out)?.[1] ?? '';
}

/** Drops a run's PostgreSQL schema and Redis keys. */
async function dropRun(schema: string, prefix: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`drop schema if exists "${schema}" cascade`);
  } finally {
    await client.end();
  }
  const redis = new Redis(TEST_REDIS_URL, { maxRetriesPerRequest: 1 });
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      if (keys.length) await redis.del(...keys);
      cursor = next;
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}

let phoneCounter = 0;
/** A test phone number unique to this process and call. */
export function testPhone(): string {
  return `1557${String((process.pid % 10_000) * 10_000 + (++phoneCounter % 10_000)).padStart(8, '0')}`;
}

/**
 * Sends `n` texts (prefix + index) to `to`, spread over the running nodes, as a client would: a
 * retryable refusal (409 while the session reconnects on its new holder, a node that went away) is
 * tried again on the next node for up to `retryMs`. Returns text → message id of those answered 202.
 */
export async function sendMany(
  cluster: LocalCluster,
  sessionId: string,
  to: string,
  prefix: string,
  n: number,
  parallel = 6,
  retryMs = 30_000,
): Promise<Map<string, string>> {
  const accepted = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const text = `${prefix} ${next++}`;
      const giveUpAt = Date.now() + retryMs;
      for (;;) {
        const res = await cluster
          .any()
          .api('POST', `/v1/sessions/${sessionId}/messages`, { to, text })
          .catch(() => null);
        if (res?.status === 202) {
          accepted.set(text, res.body.message.id);
          break;
        }
        const retryable = !res || res.status === 409 || res.status === 502 || res.status === 503;
        if (!retryable || Date.now() > giveUpAt) break;
        await new Promise((r) => setTimeout(r, 100));
      }
    }
  };
  await Promise.all(Array.from({ length: parallel }, worker));
  return accepted;
}

export interface Tally {
  accepted: number;
  /** At the contact exactly once. */
  delivered: number;
  lost: number;
  /** Shown more than once at the contact (different WhatsApp ids). */
  duplicated: number;
  /** Decrypted more than once under the same WhatsApp id (a resend the phone dropped). */
  resentSameId: number;
  failed: number;
  notSent: number;
}

/** What the contact holds of `prefix`: text → inbox items (id, copies decrypted). */
async function inbox(cluster: LocalCluster, contact: string, prefix: string) {
  const items = await cluster.sim.control<Array<{ id: string; text?: string; copies?: number }>>(
    'GET',
    `/sim/accounts/${contact}/inbox`,
  );
  const byText = new Map<string, Array<{ id: string; copies: number }>>();
  for (const m of items)
    if (m.text?.startsWith(`${prefix} `))
      byText.set(m.text, [...(byText.get(m.text) ?? []), { id: m.id, copies: m.copies ?? 1 }]);
  return byText;
}

/** How many texts of `prefix` are at the contact. */
export async function atContact(cluster: LocalCluster, contact: string, prefix: string): Promise<number> {
  return (await inbox(cluster, contact, prefix)).size;
}

/** Every outbound message of the session: id → status (all pages, through any node). */
async function statuses(cluster: LocalCluster, sessionId: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const q: string = `direction=out&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const res = await cluster.any().api('GET', `/v1/sessions/${sessionId}/messages?${q}`);
    for (const m of res.body.data as Array<{ id: string; status: string }>) out.set(m.id, m.status);
    cursor = res.body.next_cursor;
  } while (cursor);
  return out;
}

/** Waits until every accepted text is at the contact and nothing is queued or in flight, then counts. */
export async function settle(
  cluster: LocalCluster,
  sessionId: string,
  contact: string,
  prefix: string,
  accepted: Map<string, string>,
  timeoutMs: number,
): Promise<Tally> {
  await waitFor(
    'every accepted message delivered and settled',
    async () => {
      const seen = await inbox(cluster, contact, prefix);
      if (![...accepted.keys()].every((text) => seen.has(text))) return false;
      const st = await statuses(cluster, sessionId);
      return [...accepted.values()].every((id) => !['queued', 'sending'].includes(st.get(id) ?? 'queued'));
    },
    timeoutMs,
    250,
  ).catch(() => undefined); // count what there is; the assertions say what is wrong
  await new Promise((r) => setTimeout(r, 1_000)); // a late duplicate gets every chance to show
  const seen = await inbox(cluster, contact, prefix);
  const st = await statuses(cluster, sessionId);
  const ids = [...accepted.values()];
  return {
    accepted: accepted.size,
    delivered: [...accepted.keys()].filter((t) => seen.get(t)?.length === 1).length,
    lost: [...accepted.keys()].filter((t) => !seen.has(t)).length,
    duplicated: [...seen.values()].filter((items) => items.length > 1).length,
    resentSameId: [...seen.values()].filter((items) => items.some((i) => i.copies > 1)).length,
    failed: ids.filter((id) => st.get(id) === 'failed').length,
    notSent: ids.filter((id) => ['queued', 'sending'].includes(st.get(id) ?? 'queued')).length,
  };
}

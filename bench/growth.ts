// Growth benchmark: what the store costs per message and per event, and what pruning costs.
//
//   node --import tsx bench/growth.ts [--dialect sqlite|postgres|both] [--messages 20000]
//     [--events 20000] [--sessions 20] [--body 120] [--batch 500]
//
// Per dialect, in a fresh SQLite file or PostgreSQL schema (WAGATE_BENCH_PG_URL, default the test
// server 127.0.0.1:5432/test), through the Store port:
// 1. `messages` messages, half sent texts (text + content JSON), half received (text + raw JSON),
//    `body` characters of text each: store bytes per message.
// 2. `events` messages.received events, each with one webhook delivery settled with one attempt
//    (delivered), the common case: store bytes per event (event + delivery + attempt).
// 3. The retention pruner (src/core/retention) with "now" two days ahead and one day of retention:
//    time to delete the delivery log, the events, and to clear the message bodies, in batches of
//    `batch`, with the event loop's longest stall while it runs (monitorEventLoopDelay plus a 1 ms
//    ticker). The pruner pauses after each batch as long as the batch took, so wall time is about
//    twice the database time; rows/s is counted over wall time.
// Store bytes: SQLite pages in use ((page_count − freelist_count) × page_size, WAL included);
// PostgreSQL: pg_total_relation_size of the schema's tables (heap + indexes + TOAST). At the end the
// store is compacted (SQLite VACUUM INTO a copy, PostgreSQL VACUUM FULL) to show what the pruned rows
// really take: space freed inside pages is reused in place, it does not shrink the store by itself.
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import Database from 'better-sqlite3';
import pg from 'pg';
import { createStore } from '../src/app/container.js';
import type { DatabaseConfig } from '../src/app/config.js';
import type { NewEvent } from '../src/core/events/index.js';
import type { TimerClock } from '../src/core/ports/clock.js';
import { silentLogger } from '../src/core/ports/logger.js';
import type { Store } from '../src/core/ports/store.js';
import { RetentionPruner, type RetentionPolicy } from '../src/core/retention/retention-pruner.js';
import { DEFAULT_SESSION_SETTINGS } from '../src/core/sessions/session.types.js';
import { newId } from '../src/lib/ids.js';

type Dialect = 'sqlite' | 'postgres';
const PG_URL = process.env.WAGATE_BENCH_PG_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const DAY = 86_400_000;

const { values } = parseArgs({
  options: {
    dialect: { type: 'string', default: 'sqlite' },
    messages: { type: 'string', default: '20000' },
    events: { type: 'string', default: '20000' },
    sessions: { type: 'string', default: '20' },
    body: { type: 'string', default: '120' },
    batch: { type: 'string', default: '500' },
  },
});
const opts = {
  messages: Math.min(2_000_000, Number(values.messages)),
  events: Math.min(2_000_000, Number(values.events)),
  sessions: Math.max(1, Math.min(1_000, Number(values.sessions))),
  body: Math.max(1, Math.min(65_536, Number(values.body))),
  batch: Math.max(1, Math.min(100_000, Number(values.batch))),
};
const dialects: Dialect[] = values.dialect === 'both' ? ['sqlite', 'postgres'] : [values.dialect as Dialect];

interface BenchDatabase {
  config: DatabaseConfig;
  bytes(): Promise<number>;
  /** Bytes once rewritten compactly (SQLite VACUUM INTO a copy; PostgreSQL VACUUM FULL): what is live. */
  compactBytes(): Promise<number>;
  drop(): Promise<void>;
}

function sqliteDatabase(): BenchDatabase {
  const dir = mkdtempSync(join(tmpdir(), 'wagate-bench-growth-'));
  const file = join(dir, 'bench.db');
  return {
    config: { kind: 'sqlite', file },
    bytes: async () => {
      // A second connection sees the WAL too: the logical size of the database, free pages excluded.
      const db = new Database(file, { readonly: true });
      try {
        const n = (p: string) => Number(db.pragma(p, { simple: true }));
        return (n('page_count') - n('freelist_count')) * n('page_size');
      } finally {
        db.close();
      }
    },
    compactBytes: async () => {
      const copy = join(dir, 'compact.db');
      rmSync(copy, { force: true });
      const db = new Database(file, { readonly: true });
      try {
        db.prepare('vacuum into ?').run(copy);
      } finally {
        db.close();
      }
      return statSync(copy).size;
    },
    drop: async () => rmSync(dir, { recursive: true, force: true }),
  };
}

function postgresDatabase(): BenchDatabase {
  const schema = `bench_${randomBytes(5).toString('hex')}`;
  const query = async <T>(text: string, params: unknown[] = []): Promise<T[]> => {
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      return (await client.query(text, params)).rows as T[];
    } finally {
      await client.end();
    }
  };
  const bytes = async () => {
    const rows = await query<{ bytes: string | null }>(
      `select sum(pg_total_relation_size(c.oid))::text as bytes from pg_class c
       join pg_namespace n on n.oid = c.relnamespace where n.nspname = $1 and c.relkind = 'r'`,
      [schema],
    );
    return Number(rows[0]?.bytes ?? 0);
  };
  return {
    config: { kind: 'postgres', url: PG_URL, schema },
    bytes,
    compactBytes: async () => {
      const tables = await query<{ t: string }>('select tablename as t from pg_tables where schemaname = $1', [schema]);
      for (const { t } of tables) await query(`vacuum full "${schema}"."${t}"`);
      return bytes();
    },
    drop: async () => {
      await query(`drop schema if exists "${schema}" cascade`);
    },
  };
}

async function seedTenant(store: Store): Promise<{ accountId: string; sessionIds: string[] }> {
  const accountId = newId('acc');
  const now = new Date().toISOString();
  await store.accounts.insert({ id: accountId, name: 'bench', createdAt: now });
  const sessionIds: string[] = [];
  for (let i = 0; i < opts.sessions; i++) {
    const id = newId('ses');
    await store.sessions.insert({
      id,
      seq: await store.counters.next('session_seq'),
      accountId,
      name: null,
      label: null,
      phoneNumber: null,
      status: 'connected',
      settings: { ...DEFAULT_SESSION_SETTINGS },
      createdAt: now,
      updatedAt: now,
      deletedAt: null,
    });
    sessionIds.push(id);
  }
  await store.webhooks.createSubscription({
    id: newId('whk'),
    account_id: accountId,
    session_id: null,
    url: 'http://127.0.0.1:9/hook',
    secret: 'whsec_bench',
    events: [],
    enabled: true,
    format: 'standard',
    description: null,
    created_at: now,
    updated_at: now,
  });
  return { accountId, sessionIds };
}

const text = (i: number) => `${i} `.padEnd(opts.body, 'lorem ipsum dolor sit amet ');
const peer = (i: number) => `1555${String(1_000_000 + (i % 5_000)).padStart(7, '0')}@s.whatsapp.net`;

async function insertMessages(store: Store, accountId: string, sessionIds: string[]): Promise<void> {
  for (let start = 0; start < opts.messages; start += 1_000) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(opts.messages, start + 1_000); i++) {
        const at = new Date().toISOString();
        const inbound = i % 2 === 1;
        const waId = `3EB0${randomBytes(8).toString('hex').toUpperCase()}`;
        await tx.messages.insert({
          id: newId('msg'),
          seq: await tx.counters.next('message_seq'),
          accountId,
          sessionId: sessionIds[i % sessionIds.length] ?? '',
          direction: inbound ? 'in' : 'out',
          chatId: peer(i),
          waId,
          sender: inbound ? { jid: peer(i), lid: null, name: 'Contact' } : null,
          kind: 'text',
          text: text(i),
          content: inbound ? null : { kind: 'text', text: text(i) },
          raw: inbound
            ? {
                key: { remoteJid: peer(i), fromMe: false, id: waId },
                message: {
                  conversation: text(i),
                  messageContextInfo: { messageSecret: randomBytes(32).toString('base64') },
                },
                messageTimestamp: Math.floor(Date.now() / 1000),
                pushName: 'Contact',
              }
            : null,
          status: inbound ? 'received' : 'read',
          error: null,
          idempotencyKey: null,
          waTimestamp: at,
          createdAt: at,
          updatedAt: at,
        });
      }
    });
  }
}

async function insertEvents(store: Store, accountId: string, sessionIds: string[]): Promise<void> {
  for (let start = 0; start < opts.events; start += 500) {
    await store.transaction(async (tx) => {
      for (let i = start; i < Math.min(opts.events, start + 500); i++) {
        const event: NewEvent<'messages.received'> = {
          type: 'messages.received',
          account_id: accountId,
          session_id: sessionIds[i % sessionIds.length] ?? null,
          payload: {
            message: {
              id: newId('msg'),
              wa_id: `3EB0${randomBytes(8).toString('hex').toUpperCase()}`,
              chat: peer(i),
              chat_type: 'personal',
              from_me: false,
              sender: { jid: peer(i), phone: peer(i).split('@')[0] ?? null, lid: null, name: 'Contact' },
              kind: 'text',
              text: text(i),
              timestamp: new Date().toISOString(),
            },
          },
        };
        await tx.outbox.append(event);
      }
    });
  }
  // Settle every delivery with one successful attempt, as the dispatcher would.
  for (;;) {
    const now = new Date(Date.now() + 1_000);
    const claimed = (
      await store.webhooks.claimDue(now, new Date(now.getTime() + 60_000), 1_000, () => true, 200)
    ).flat();
    if (claimed.length === 0) break;
    for (let k = 0; k < claimed.length; k += 1_000) {
      await store.webhooks.recordAttempts(
        claimed.slice(k, k + 1_000).map((c) => ({
          deliveryId: c.id,
          attemptedAt: new Date(),
          statusCode: 200,
          latencyMs: 3,
          error: null,
          responseSnippet: '{"ok":true}',
          next: { kind: 'delivered' as const },
        })),
      );
    }
  }
}

interface PruneFigure {
  rows: number;
  batches: number;
  wallMs: number;
  rowsPerSec: number;
  maxStallMs: number;
  /** The longest single batch, as the pruner timed it. */
  maxBatchMs: number;
}

/** One pruner run with only `policy` set; the longest event-loop stall while it ran. */
async function prune(store: Store, policy: Partial<RetentionPolicy>): Promise<PruneFigure> {
  const clock: TimerClock = {
    now: () => new Date(Date.now() + 2 * DAY),
    setTimer: (ms, fn) => {
      const t = setTimeout(fn, ms);
      return () => clearTimeout(t);
    },
  };
  const pruner = new RetentionPruner({
    store,
    clock,
    logger: silentLogger,
    policy: { eventsDays: 0, webhookAttemptsDays: 0, messageBodiesDays: 0, batch: opts.batch, ...policy },
  });
  const histogram = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let maxGap = 0;
  const ticker = setInterval(() => {
    const t = performance.now();
    maxGap = Math.max(maxGap, t - last - 1);
    last = t;
  }, 1);
  histogram.enable();
  const t0 = performance.now();
  const run = await pruner.runOnce();
  const wallMs = performance.now() - t0;
  histogram.disable();
  clearInterval(ticker);
  const rows = run.events + run.deliveries + run.messageBodies;
  return {
    rows,
    batches: run.batches,
    wallMs: Math.round(wallMs),
    rowsPerSec: Math.round(rows / (wallMs / 1000)),
    maxStallMs: Math.round(Math.max(maxGap, histogram.max / 1e6 - 1) * 10) / 10,
    maxBatchMs: run.maxBatchMs,
  };
}

async function benchDialect(dialect: Dialect): Promise<Record<string, unknown>> {
  const db = dialect === 'sqlite' ? sqliteDatabase() : postgresDatabase();
  const store = await createStore(db.config);
  try {
    await store.migrate();
    const { accountId, sessionIds } = await seedTenant(store);
    const empty = await db.bytes();
    let t = performance.now();
    await insertMessages(store, accountId, sessionIds);
    const insertMessagesMs = performance.now() - t;
    const withMessages = await db.bytes();
    const compactWithMessages = await db.compactBytes();
    // PostgreSQL compacts in place: events are counted from what the store holds now.
    const beforeEvents = await db.bytes();
    t = performance.now();
    await insertEvents(store, accountId, sessionIds);
    const insertEventsMs = performance.now() - t;
    const withEvents = await db.bytes();
    const deliveries = await prune(store, { webhookAttemptsDays: 1 });
    const events = await prune(store, { eventsDays: 1 });
    const bodies = await prune(store, { messageBodiesDays: 1 });
    const afterPrune = await db.bytes();
    // What the pruned store holds once rewritten: the message rows without their bodies.
    const compactAfterPrune = await db.compactBytes();
    return {
      dialect,
      bytesPerMessage: Math.round((withMessages - empty) / Math.max(1, opts.messages)),
      bytesPerEvent: Math.round((withEvents - beforeEvents) / Math.max(1, opts.events)),
      insertMessagesPerSec: Math.round(opts.messages / (insertMessagesMs / 1000)),
      insertEventsPerSec: Math.round(opts.events / (insertEventsMs / 1000)),
      bytesPerMessageCompact: Math.round((compactWithMessages - empty) / Math.max(1, opts.messages)),
      bytesPerMessageWithoutBody: Math.round((compactAfterPrune - empty) / Math.max(1, opts.messages)),
      storeBytes: { empty, withMessages, compactWithMessages, withEvents, afterPrune, compactAfterPrune },
      prune: { deliveries, events, bodies },
    };
  } finally {
    await store.close();
    await db.drop();
  }
}

const flags = `--messages ${opts.messages} --events ${opts.events} --sessions ${opts.sessions} --body ${opts.body} --batch ${opts.batch}`;
console.log(`command: node --import tsx bench/growth.ts --dialect ${values.dialect} ${flags}`);
console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);
const results: Record<string, unknown>[] = [];
for (const dialect of dialects) {
  const r = await benchDialect(dialect);
  results.push(r);
  const p = r.prune as Record<string, PruneFigure>;
  console.log(`\n${dialect}`);
  console.log(
    `  store bytes per message: ${r.bytesPerMessage} (${opts.body}-character text; inserts ${r.insertMessagesPerSec}/s)`,
  );
  console.log(
    `  store bytes per event:   ${r.bytesPerEvent} (event + delivered delivery + its attempt; inserted and settled ${r.insertEventsPerSec}/s)`,
  );
  console.log(
    `  store bytes per message, compacted: ${r.bytesPerMessageCompact} with its body, ${r.bytesPerMessageWithoutBody} once the body is cleared`,
  );
  for (const [name, f] of Object.entries(p))
    console.log(
      `  prune ${name.padEnd(10)} ${String(f.rows).padStart(8)} rows in ${String(f.wallMs).padStart(6)} ms (${f.batches} batches of ≤ ${opts.batch}) → ${f.rowsPerSec}/s, longest batch ${f.maxBatchMs} ms, max event-loop stall ${f.maxStallMs} ms`,
    );
  console.log(`  store bytes: ${JSON.stringify(r.storeBytes)}`);
}
console.log(`json: ${JSON.stringify({ options: opts, results })}`);

// Webhook delivery benchmark: deliveries/s and event-to-delivery latency, real store (SQLite file,
// WAL) + outbox + dispatcher + undici sender, against a raw node:http receiver in a child process
// on loopback (so receiver and dispatcher get a core each).
//
//   node --import tsx bench/webhooks.ts [--events 20000] [--sessions 64] [--rate 1000] [--seconds 5]
//
// Phase 1 (throughput): `events` events across `sessions` sessions are appended (500 per
// transaction) with the dispatcher stopped, then it drains them: deliveries/s = events / drain time.
// Phase 2 (latency): events appended one transaction each at `rate`/s for `seconds` s; the receiver
// measures receive time − event time (p50/p99/max). One run, bounded in events and time.
import { fork } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { cpus, tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';

if (process.argv.includes('--receiver')) {
  // Child: answer 200 to everything, record latency from the Standard Webhooks body's timestamp.
  const latencies: number[] = [];
  let count = 0;
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      count += 1;
      const at = Date.now();
      const body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as {
        timestamp: string;
        data: { reason?: string };
      };
      if (body.data.reason === 'latency') latencies.push(at - Date.parse(body.timestamp));
      res.writeHead(200, { 'content-type': 'text/plain' }).end('ok');
    });
  });
  server.listen(0, '127.0.0.1', () => {
    const addr = server.address();
    process.send?.({ port: typeof addr === 'object' && addr ? addr.port : 0 });
  });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'count') process.send?.({ count });
    if (m.cmd === 'latencies') process.send?.({ latencies });
    if (m.cmd === 'exit') server.close(() => process.exit(0));
  });
} else {
  await main();
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      events: { type: 'string', default: '20000' },
      sessions: { type: 'string', default: '64' },
      rate: { type: 'string', default: '1000' },
      seconds: { type: 'string', default: '5' },
    },
  });
  const events = Math.min(200_000, Number(values.events));
  const sessions = Math.min(1_000, Number(values.sessions));
  const rate = Math.min(20_000, Number(values.rate));
  const seconds = Math.min(60, Number(values.seconds));
  console.log(
    `command: node --import tsx bench/webhooks.ts --events ${events} --sessions ${sessions} --rate ${rate} --seconds ${seconds}`,
  );
  console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, Node ${process.version}`);

  const { createStore } = await import('../src/app/container.js');
  const { createWebhookPipeline } = await import('../src/app/webhooks.js');
  const { silentLogger } = await import('../src/core/ports/logger.js');
  const { systemClock } = await import('../src/core/ports/clock.js');
  const { DEFAULT_SESSION_SETTINGS } = await import('../src/core/sessions/session.types.js');
  const { newId } = await import('../src/lib/ids.js');

  const dir = mkdtempSync(join(tmpdir(), 'wagate-bench-webhooks-'));
  const child = fork(new URL(import.meta.url).pathname, ['--receiver'], { execArgv: ['--import', 'tsx'] });
  const ask = <T>(cmd: string, key: string) =>
    new Promise<T>((resolve) => {
      const on = (m: Record<string, unknown>) => {
        if (key in m) {
          child.off('message', on);
          resolve(m[key] as T);
        }
      };
      child.on('message', on);
      child.send({ cmd });
    });
  const port = await new Promise<number>((resolve) => child.once('message', (m: { port: number }) => resolve(m.port)));

  const store = await createStore({ kind: 'sqlite', file: join(dir, 'bench.db') });
  await store.migrate();
  const pipeline = createWebhookPipeline({
    store,
    logger: silentLogger,
    clock: systemClock,
    allowPrivateUrls: true,
    config: {
      maxAgeMs: 3_600_000,
      retryBaseMs: 100,
      retryMaxDelayMs: 1_000,
      timeoutMs: 5_000,
      perDestination: 32,
      maxInFlight: 256,
    },
  });
  try {
    const accountId = newId('acc');
    const now = new Date().toISOString();
    await store.accounts.insert({ id: accountId, name: 'bench', createdAt: now });
    const sessionIds: string[] = [];
    for (let i = 0; i < sessions; i++) {
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
    const sub = await pipeline.services.webhooks.create(
      { kind: 'pat', accountId, tokenId: 'bench' },
      { url: `http://127.0.0.1:${port}/hook` },
    );
    const ev = (i: number, reason: string) => ({
      type: 'session.status' as const,
      account_id: accountId,
      session_id: sessionIds[i % sessions] ?? null,
      payload: { status: 'connected', previous_status: 'connecting', reason, pad: 'x'.repeat(700) },
    });

    // Phase 0: the ceiling in the same run — a raw undici Pool posting the same ~1 KB bodies, each
    // signed (HMAC-SHA256, as a Standard Webhooks signature costs), to the same receiver.
    const ceilingPerSec = await rawCeiling(`http://127.0.0.1:${port}`, events, ev(0, 'ceiling'));
    const base = await ask<number>('count', 'count');

    // Phase 1: backlog, then drain.
    const t0 = performance.now();
    for (let i = 0; i < events; i += 500) {
      await store.transaction(async (tx) => {
        for (let j = i; j < Math.min(events, i + 500); j++) await pipeline.outbox.append(tx, ev(j, 'throughput'));
      });
    }
    const appendMs = performance.now() - t0;
    const t1 = performance.now();
    pipeline.start();
    for (;;) {
      const n = (await ask<number>('count', 'count')) - base;
      if (n >= events) break;
      if (performance.now() - t1 > 120_000) throw new Error(`drain did not finish in 120 s (${n}/${events})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    const drainMs = performance.now() - t1;
    if (process.env.BENCH_DEBUG) {
      const sample = await store.webhooks.listDeliveries(accountId, sub.id, { limit: 100 });
      const l = sample.flatMap((d) => d.attempts_log.map((a) => a.latency_ms));
      console.log('debug: mean attempt latency ms', l.reduce((a, b) => a + b, 0) / l.length);
    }

    // Phase 2: paced single-event transactions.
    const total = rate * seconds;
    const t2 = performance.now();
    for (let i = 0; i < total; i++) {
      const due = t2 + (i * 1000) / rate;
      const wait = due - performance.now();
      if (wait > 1) await new Promise((r) => setTimeout(r, wait));
      await store.transaction((tx) => pipeline.outbox.append(tx, ev(i, 'latency')));
    }
    const deadline = performance.now() + 30_000;
    while ((await ask<number>('count', 'count')) - base < events + total && performance.now() < deadline)
      await new Promise((r) => setTimeout(r, 20));
    const lat = (await ask<number[]>('latencies', 'latencies')).sort((a, b) => a - b);
    const pct = (p: number) => lat[Math.min(lat.length - 1, Math.floor((p / 100) * lat.length))] ?? NaN;

    console.log(`append (500 events/transaction): ${Math.round(events / (appendMs / 1000))} events/s`);
    console.log(
      `throughput: ${events} deliveries in ${(drainMs / 1000).toFixed(2)} s = ${Math.round(events / (drainMs / 1000))} deliveries/s (${sessions} session lanes, 1 subscription, ~1 KB signed bodies)`,
    );
    console.log(
      `ceiling: raw undici Pool, same signed bodies, same receiver: ${ceilingPerSec} posts/s → wagate at ${Math.round((100 * events) / (drainMs / 1000) / ceilingPerSec)} %`,
    );
    console.log(
      `latency at ${rate} events/s for ${seconds} s (${lat.length}/${total} delivered): p50 ${pct(50)} ms, p99 ${pct(99)} ms, max ${lat[lat.length - 1]} ms`,
    );
    console.log(
      `json: ${JSON.stringify({
        appendPerSec: Math.round(events / (appendMs / 1000)),
        deliveriesPerSec: Math.round(events / (drainMs / 1000)),
        ceilingPerSec,
        latencyMs: { p50: pct(50), p99: pct(99), max: lat[lat.length - 1] ?? null },
        events,
        sessions,
        rate,
        seconds,
      })}`,
    );
  } finally {
    await pipeline.stop();
    await store.close();
    child.send({ cmd: 'exit' });
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Posts `count` signed copies of one event body with an undici Pool (32 connections, 256 in flight). */
async function rawCeiling(origin: string, count: number, event: object): Promise<number> {
  const { Pool } = await import('undici');
  const { createHmac, randomUUID } = await import('node:crypto');
  const pool = new Pool(origin, { connections: 32 });
  const secret = Buffer.alloc(32, 7);
  let next = 0;
  const started = performance.now();
  const worker = async () => {
    while (next < count) {
      next += 1;
      const id = randomUUID();
      const timestamp = new Date().toISOString();
      const body = JSON.stringify({ type: 'session.status', timestamp, data: event });
      const ts = Math.floor(Date.now() / 1000);
      const signature = createHmac('sha256', secret).update(`${id}.${ts}.${body}`).digest('base64');
      const res = await pool.request({
        path: '/hook',
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          'webhook-id': id,
          'webhook-timestamp': String(ts),
          'webhook-signature': `v1,${signature}`,
        },
        body,
      });
      await res.body.dump();
    }
  };
  await Promise.all(Array.from({ length: 256 }, worker));
  const perSec = Math.round(count / ((performance.now() - started) / 1000));
  await pool.close();
  return perSec;
}

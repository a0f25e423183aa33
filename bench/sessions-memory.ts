// bench/sessions-memory: links N sessions to the simulator through wagate's core (real Baileys,
// real SQLite store, real runtime) and reports link time and RSS per connected session.
//
//   node --expose-gc --import tsx bench/sessions-memory.ts [--sessions 100] [--concurrency 8]
//
// The simulator runs in a child process so its memory is not counted. RSS is sampled after a GC
// with every session connected and idle, against a baseline taken after startup (Baileys imported,
// store open), so the figure is the cost of one more linked session.
import { mkdtempSync, rmSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { loadConfig } from '../src/app/config.js';
import { createContainer } from '../src/app/container.js';
import { startSimChild } from './support/sim-child.js';

const { values } = parseArgs({
  options: { sessions: { type: 'string', default: '100' }, concurrency: { type: 'string', default: '8' } },
});
const N = Number(values.sessions);
const CONCURRENCY = Number(values.concurrency);
const gc = (globalThis as { gc?: () => void }).gc;

const mib = (bytes: number) => bytes / 1024 / 1024;
function rss(): number {
  gc?.();
  gc?.();
  return process.memoryUsage().rss;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'wagate-bench-'));
  const sim = await startSimChild(join(dir, 'sim'));
  const control = (path: string, body: unknown) => sim.control(path, body);
  const config = loadConfig({ WAGATE_DATA_DIR: dir, WAGATE_LOG_LEVEL: 'error' });
  const container = await createContainer(config, { waWebSocketUrl: sim.wsUrl });
  await container.store.migrate();
  const { token } = await container.services.accounts.create({ name: 'bench' });
  const scope = await container.services.tokens.authenticate(token.token);
  const baseline = rss();

  const linkTimes: number[] = [];
  const started = Date.now();
  let next = 0;
  const linkOne = async (i: number) => {
    const phone = `1999${String(i).padStart(7, '0')}`;
    await control('/sim/accounts', { phone, pushName: `Bench ${i}` });
    const t0 = Date.now();
    const { session } = await container.services.sessions.create(scope, { name: `bench-${i}` });
    await container.services.connections.connect(scope, session.id);
    let qr: string | undefined;
    while (!qr) {
      qr = await container.services.connections
        .qr(scope, session.id)
        .then((q) => q.qr)
        .catch(() => undefined);
      if (!qr) await new Promise((r) => setTimeout(r, 20));
    }
    await control(`/sim/accounts/${phone}/link`, { qr });
    for (;;) {
      const s = await container.services.sessions.get(scope, session.id);
      if (s.status === 'connected') break;
      if (Date.now() - t0 > 60_000) throw new Error(`session ${i} did not connect (status ${s.status})`);
      await new Promise((r) => setTimeout(r, 20));
    }
    linkTimes.push(Date.now() - t0);
  };
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (next < N) {
        const i = next++;
        await linkOne(i);
        if ((i + 1) % 10 === 0) process.stderr.write(`  linked ${linkTimes.length}/${N}\n`);
      }
    }),
  );
  const wall = (Date.now() - started) / 1000;
  await new Promise((r) => setTimeout(r, 3000)); // let post-link work (prekey uploads, app state) settle
  const after = rss();
  linkTimes.sort((a, b) => a - b);
  const pct = (p: number) => linkTimes[Math.min(linkTimes.length - 1, Math.floor((p / 100) * linkTimes.length))] ?? 0;

  console.log(`bench/sessions-memory — ${new Date().toISOString()}`);
  console.log(
    `command: node --expose-gc --import tsx bench/sessions-memory.ts --sessions ${N} --concurrency ${CONCURRENCY}`,
  );
  console.log(
    `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}${gc ? '' : ' (no --expose-gc: RSS without forced GC)'}`,
  );
  console.log(
    `sessions linked: ${linkTimes.length}/${N} in ${wall.toFixed(1)} s → ${(linkTimes.length / wall).toFixed(2)} links/s (${CONCURRENCY} at a time)`,
  );
  console.log(`link time: p50 ${pct(50)} ms, p90 ${pct(90)} ms, max ${linkTimes[linkTimes.length - 1]} ms`);
  console.log(
    `RSS: baseline ${mib(baseline).toFixed(1)} MiB → ${mib(after).toFixed(1)} MiB with ${N} connected → ${(mib(after - baseline) / N).toFixed(2)} MiB per connected session`,
  );

  console.log(
    `json: ${JSON.stringify({
      sessions: N,
      linked: linkTimes.length,
      linksPerSec: Number((linkTimes.length / wall).toFixed(2)),
      linkP50Ms: pct(50),
      linkP90Ms: pct(90),
      baselineMiB: Number(mib(baseline).toFixed(1)),
      afterMiB: Number(mib(after).toFixed(1)),
      perSessionMiB: Number((mib(after - baseline) / N).toFixed(2)),
      forcedGc: Boolean(gc),
    })}`,
  );
  await container.close();
  sim.stop();
  rmSync(dir, { recursive: true, force: true });
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});

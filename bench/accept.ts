// bench/accept: how fast wagate answers POST /v1/sessions/{id}/messages with 202 after the durable
// write, next to bare Fastify on the same route shape, in one run on this machine.
//
//   node --import tsx bench/accept.ts [--duration 10] [--connections 50]
//
// Each server runs in its own child process; autocannon drives it from this process.
import type { ChildProcess } from 'node:child_process';
import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import autocannon from 'autocannon';
import { spawnJsonLine } from './support/child-json.js';

const { values } = parseArgs({
  options: { duration: { type: 'string', default: '10' }, connections: { type: 'string', default: '50' } },
});
const duration = Number(values.duration);
const connections = Number(values.connections);

async function startServer(
  mode: string,
): Promise<{ child: ChildProcess; url: string; token: string; sessionId: string }> {
  const { child, info } = await spawnJsonLine<{ url: string; token: string; sessionId: string }>([
    'bench/accept-server.ts',
    '--mode',
    mode,
  ]);
  return { child, ...info };
}

interface Row {
  mode: string;
  rps: number;
  p50: number;
  p99: number;
  non2xx: number;
  errors: number;
}

async function run(mode: string): Promise<Row> {
  const server = await startServer(mode);
  const opts = {
    url: `${server.url}/v1/sessions/${server.sessionId}/messages`,
    method: 'POST' as const,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.token}` },
    body: JSON.stringify({ to: '+14155550123', text: 'hello from the accept benchmark' }),
    connections,
  };
  await autocannon({ ...opts, duration: 2 }); // warm-up
  const result = await autocannon({ ...opts, duration });
  server.child.kill('SIGTERM');
  return {
    mode,
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    non2xx: result.non2xx,
    errors: result.errors,
  };
}

const rows = [await run('bare'), await run('wagate')];
console.log(`bench/accept — ${new Date().toISOString()}`);
console.log(`command: node --import tsx bench/accept.ts --duration ${duration} --connections ${connections}`);
console.log(
  `machine: ${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, node ${process.version}`,
);
console.log('server                          req/s   p50 ms   p99 ms   non-2xx   errors');
for (const r of rows) {
  const name = r.mode === 'bare' ? 'bare Fastify (no auth, no write)' : 'wagate (auth + quota + SQLite)';
  console.log(
    `${name.padEnd(32)}${r.rps.toFixed(0).padStart(6)}${String(r.p50).padStart(9)}${String(r.p99).padStart(9)}${String(r.non2xx).padStart(10)}${String(r.errors).padStart(9)}`,
  );
}
const [bare, wagate] = rows as [Row, Row];
console.log(`wagate accepts at ${((wagate.rps / bare.rps) * 100).toFixed(0)} % of bare Fastify's rate`);
console.log(`json: ${JSON.stringify({ bare, wagate, ratio: wagate.rps / bare.rps, duration, connections })}`);

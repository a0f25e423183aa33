// `npm run bench`: every benchmark once with short defaults, one after another (each in its own
// processes, so they don't share a loop), then one table with absolute figures, ceilings from the
// same run and ratios, and a JSON report in bench/results/ (gitignored).
//
//   npm run bench [-- --quick]     (--quick: smaller runs, for checking the harness itself)
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { quick: { type: 'boolean', default: false } } });
const quick = values.quick;

interface Step {
  name: string;
  args: string[];
}

const steps: Step[] = [
  { name: 'accept', args: ['bench/accept.ts', '--duration', quick ? '3' : '10'] },
  {
    name: 'webhooks',
    args: [
      'bench/webhooks.ts',
      '--events',
      quick ? '3000' : '20000',
      '--sessions',
      '64',
      '--rate',
      '1000',
      '--seconds',
      quick ? '2' : '5',
    ],
  },
  { name: 'e2e-send', args: ['bench/e2e-send.ts', '--messages', quick ? '100' : '500'] },
  {
    name: 'sessions-memory',
    args: ['--expose-gc', 'bench/sessions-memory.ts', '--sessions', quick ? '5' : '50', '--concurrency', '8'],
  },
  {
    name: 'growth',
    args: [
      'bench/growth.ts',
      '--dialect',
      'sqlite',
      '--messages',
      quick ? '2000' : '20000',
      '--events',
      quick ? '2000' : '20000',
    ],
  },
];

/** Runs one script with tsx, echoing its output with a prefix, and returns its `json:` line parsed. */
function run(step: Step): Promise<Record<string, unknown> | null> {
  return new Promise((resolve) => {
    const started = Date.now();
    console.log(`\n▶ ${step.name}: node --import tsx ${step.args.join(' ')}`);
    const child = spawn(process.execPath, ['--import', 'tsx', ...step.args], { stdio: ['ignore', 'pipe', 'pipe'] });
    let json: Record<string, unknown> | null = null;
    let buffered = '';
    child.stdout.on('data', (chunk: Buffer) => {
      buffered += chunk.toString('utf8');
      const lines = buffered.split('\n');
      buffered = lines.pop() ?? '';
      for (const line of lines) {
        if (line.startsWith('json: ')) json = JSON.parse(line.slice(6)) as Record<string, unknown>;
        else console.log(`  ${step.name} │ ${line}`);
      }
    });
    child.stderr.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    child.on('exit', (code) => {
      console.log(`  ${step.name} finished in ${((Date.now() - started) / 1000).toFixed(0)} s (exit ${code})`);
      resolve(json);
    });
  });
}

const results: Record<string, Record<string, unknown> | null> = {};
for (const step of steps) results[step.name] = await run(step);

const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
const at = (o: unknown, ...path: string[]): number | null => {
  let cur: unknown = o;
  for (const k of path) cur = cur && typeof cur === 'object' ? (cur as Record<string, unknown>)[k] : undefined;
  return num(cur);
};
const pct = (a: number | null, b: number | null) => (a !== null && b ? `${Math.round((100 * a) / b)} %` : '—');
const fmt = (v: number | null, unit = '') => (v === null ? 'failed' : `${Math.round(v).toLocaleString('en')}${unit}`);

const accept = results.accept;
const hooks = results.webhooks;
const e2e = results['e2e-send'];
const mem = results['sessions-memory'];
const growth = results.growth;
const acceptIdle = at(accept, 'wagate', 'rps');
const rows: [string, string, string, string, string][] = [
  [
    'accept: POST …/messages → 202 (durable)',
    `${fmt(acceptIdle, ' req/s')}, p99 ${fmt(at(accept, 'wagate', 'p99'), ' ms')}`,
    `bare Fastify ${fmt(at(accept, 'bare', 'rps'), ' req/s')}`,
    pct(acceptIdle, at(accept, 'bare', 'rps')),
    '≥ 50 %, p99 ≤ 15 ms',
  ],
  [
    'webhooks: draining a backlog',
    fmt(at(hooks, 'deliveriesPerSec'), '/s'),
    `raw undici Pool ${fmt(at(hooks, 'ceilingPerSec'), '/s')}`,
    pct(at(hooks, 'deliveriesPerSec'), at(hooks, 'ceilingPerSec')),
    '≥ 70 %',
  ],
  [
    'webhooks: event → delivery at 1,000/s',
    `p50 ${fmt(at(hooks, 'latencyMs', 'p50'), ' ms')}, p99 ${fmt(at(hooks, 'latencyMs', 'p99'), ' ms')}`,
    '—',
    '—',
    'p99 ≤ 50 ms',
  ],
  [
    'accepts while one session sends',
    fmt(at(e2e, 'acceptsPerSec'), ' req/s'),
    `idle accept ${fmt(acceptIdle, ' req/s')}`,
    pct(at(e2e, 'acceptsPerSec'), acceptIdle),
    '≥ 80 %',
  ],
  ['end to end, one session', fmt(at(e2e, 'messagesPerSec'), ' msg/s'), 'not measured here', '—', '—'],
  [
    `RSS per linked idle session (${at(mem, 'sessions') ?? '?'})`,
    `${at(mem, 'perSessionMiB') ?? 'failed'} MiB`,
    '—',
    '—',
    '≤ 3 MiB at 1,000',
  ],
  [
    'store bytes per message / per event (SQLite)',
    `${fmt(at(growth, 'results', '0', 'bytesPerMessage'), ' B')} / ${fmt(at(growth, 'results', '0', 'bytesPerEvent'), ' B')}`,
    '—',
    '—',
    '—',
  ],
  [
    `prune ${at(growth, 'options', 'events') ?? '?'} events (SQLite, batches of ${at(growth, 'options', 'batch') ?? '?'})`,
    `${fmt(at(growth, 'results', '0', 'prune', 'events', 'wallMs'), ' ms')}, longest batch ${fmt(at(growth, 'results', '0', 'prune', 'events', 'maxBatchMs'), ' ms')}`,
    '—',
    '—',
    '—',
  ],
];

const header = ['path', 'wagate', 'ceiling (same run)', 'ratio', 'target'];
const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]?.length ?? 0)));
const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i] ?? 0)).join(' | ')} |`;
const machine = `${cpus().length} × ${cpus()[0]?.model ?? '?'}, ${(totalmem() / 2 ** 30).toFixed(1)} GiB, Node ${process.version}, load ${loadavg()
  .map((l) => l.toFixed(1))
  .join(' ')}`;
console.log(`\nnpm run bench${quick ? ' -- --quick' : ''} — ${new Date().toISOString()} — ${machine}\n`);
console.log(line(header));
console.log(line(widths.map((w) => '-'.repeat(w))));
for (const r of rows) console.log(line(r));

mkdirSync('bench/results', { recursive: true });
const file = `bench/results/bench-${new Date().toISOString().replace(/[:.]/g, '-')}.json`;
writeFileSync(file, `${JSON.stringify({ at: new Date().toISOString(), machine, quick, results }, null, 2)}\n`);
console.log(`\nreport: ${file}`);
if (Object.values(results).some((r) => r === null)) process.exitCode = 1;

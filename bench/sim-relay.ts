// Simulator benchmark: how fast unmodified Baileys clients link to the simulator, and how many
// end-to-end-encrypted 1:1 texts per second it relays between them.
//
//   node --import tsx bench/sim-relay.ts [--links 10] [--messages 1000] [--contact-messages 200]
//                                        [--link-concurrency 4] [--window 50] [--deadline 300]
//
// The simulator runs in a child process (its own event loop and core, as in production where
// the gateway and the network are different machines); the Baileys clients share this process.
// Phase 1 (links): `links` accounts, each linked by QR through the control API; links/s = links /
//   wall time, `link-concurrency` at a time (QR → phone scan → pair → 515 → login → open).
// Phase 2 (clients): `messages` texts in a ring (client i → client i+1), at most `window` in
//   flight; messages/s = messages / (first send → last `messages.upsert` at the receivers).
// Phase 3 (contacts): `contact-messages` texts from simulated contacts (the sim's own phones,
//   through POST /sim/accounts/{phone}/messages) to the linked clients.
// Bounded: everything stops at `deadline` seconds and reports what it measured so far.
import { fork, type ChildProcess } from 'node:child_process';
import { cpus, freemem, totalmem, platform, release, arch } from 'node:os';
import { parseArgs } from 'node:util';

if (process.argv.includes('--sim-child')) {
  await simChild();
} else {
  await main();
}

/** Child: the simulator alone, reporting its URLs and stats over IPC. */
async function simChild(): Promise<void> {
  silenceLibsignal();
  const { startSimulator } = await import('../sim/src/index.js');
  const quiet = { debug() {}, info() {}, warn() {}, error() {} };
  const sim = await startSimulator({ logger: quiet });
  process.send?.({ wsUrl: sim.wsUrl, controlUrl: sim.controlUrl });
  process.on('message', (m: { cmd: string }) => {
    if (m.cmd === 'stats') process.send?.({ stats: sim.stats(), unhandled: sim.unhandled().length });
    if (m.cmd === 'exit') void sim.close().then(() => process.exit(0));
  });
}

interface Options {
  links: number;
  messages: number;
  contactMessages: number;
  linkConcurrency: number;
  window: number;
  deadline: number;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      links: { type: 'string', default: '10' },
      messages: { type: 'string', default: '1000' },
      'contact-messages': { type: 'string', default: '200' },
      'link-concurrency': { type: 'string', default: '4' },
      window: { type: 'string', default: '50' },
      deadline: { type: 'string', default: '300' },
    },
  });
  const o: Options = {
    links: clamp(Number(values.links), 2, 200),
    messages: clamp(Number(values.messages), 0, 100_000),
    contactMessages: clamp(Number(values['contact-messages']), 0, 100_000),
    linkConcurrency: clamp(Number(values['link-concurrency']), 1, 32),
    window: clamp(Number(values.window), 1, 1000),
    deadline: clamp(Number(values.deadline), 10, 3600),
  };
  console.log(
    `command: node --import tsx bench/sim-relay.ts --links ${o.links} --messages ${o.messages} --contact-messages ${o.contactMessages} --link-concurrency ${o.linkConcurrency} --window ${o.window} --deadline ${o.deadline}`,
  );
  const cpu = cpus();
  console.log(
    `machine: ${cpu.length} × ${cpu[0]?.model ?? '?'} (${cpu[0]?.speed ?? '?'} MHz), ${gib(totalmem())} GiB RAM (${gib(freemem())} free), ${platform()} ${release()} ${arch()}, node ${process.version}`,
  );
  silenceLibsignal();

  const { support } = await loadSupport();
  const child = fork(new URL(import.meta.url).pathname, ['--sim-child'], {
    execArgv: ['--import', 'tsx'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  const urls = await once<{ wsUrl: string; controlUrl: string }>(child, (m) => 'wsUrl' in m);
  const sim = { wsUrl: urls.wsUrl, controlUrl: urls.controlUrl };
  const results: Record<string, number | string> = {};
  const clients: Awaited<ReturnType<typeof support.linkByQr>>[] = [];
  const timer = setTimeout(() => {
    console.log(`deadline of ${o.deadline}s reached; results so far:`);
    report(results);
    process.exit(2);
  }, o.deadline * 1000);

  // Phase 1: links.
  const pns = Array.from({ length: o.links }, (_, i) => `1555${String(7000000 + i)}`);
  const t0 = performance.now();
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.min(o.linkConcurrency, o.links) }, async () => {
      while (next < pns.length) {
        const i = next++;
        clients[i] = await support.linkByQr(sim as never, pns[i]!);
      }
    }),
  );
  const linkSeconds = (performance.now() - t0) / 1000;
  results.links = o.links;
  results['links/s'] = round(o.links / linkSeconds);
  results['link wall s'] = round(linkSeconds);
  console.log(`links: ${o.links} in ${round(linkSeconds)} s → ${results['links/s']} links/s`);
  // Let each client finish its post-login work (history bootstrap, app-state sync) before measuring relay.
  await Promise.all(
    clients.map((c) =>
      c.waitForUpdate((u) => u.receivedPendingNotifications === true, 30_000, 'offline flush').catch(() => undefined),
    ),
  );
  await sleep(1000);

  // Phase 2: client ring.
  if (o.messages > 0) {
    const tag = `bench-${Date.now()}-`;
    const received = countReceived(clients, tag);
    const t1 = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: o.window }, async () => {
        while (sent < o.messages) {
          const n = sent++;
          const from = clients[n % clients.length]!;
          const to = pns[(n + 1) % pns.length]!;
          await from.sock.sendMessage(`${to}@s.whatsapp.net`, { text: `${tag}${n}` });
        }
      }),
    );
    const sendSeconds = (performance.now() - t1) / 1000;
    await received.done(o.messages);
    const seconds = (performance.now() - t1) / 1000;
    results['client messages'] = o.messages;
    results['client msg/s (delivered)'] = round(o.messages / seconds);
    results['client msg/s (sent)'] = round(o.messages / sendSeconds);
    console.log(
      `client ring: ${o.messages} texts delivered in ${round(seconds)} s → ${results['client msg/s (delivered)']} msg/s (sending took ${round(sendSeconds)} s)`,
    );
  }

  // Phase 3: simulated contacts → clients, through the control API.
  if (o.contactMessages > 0) {
    const contacts = pns.map((_, i) => `1666${String(7000000 + i)}`);
    for (const c of contacts) await support.control(sim as never, 'POST', '/sim/accounts', { phone: c });
    const tag = `contact-${Date.now()}-`;
    const received = countReceived(clients, tag);
    const t2 = performance.now();
    let sent = 0;
    await Promise.all(
      Array.from({ length: Math.min(o.window, 16) }, async () => {
        while (sent < o.contactMessages) {
          const n = sent++;
          const res = await support.control(
            sim as never,
            'POST',
            `/sim/accounts/${contacts[n % contacts.length]}/messages`,
            { to: pns[n % pns.length], text: `${tag}${n}` },
          );
          if (res.status !== 200) throw new Error(`contact send failed: ${JSON.stringify(res.body)}`);
        }
      }),
    );
    await received.done(o.contactMessages);
    const seconds = (performance.now() - t2) / 1000;
    results['contact messages'] = o.contactMessages;
    results['contact msg/s (delivered)'] = round(o.contactMessages / seconds);
    console.log(
      `contacts: ${o.contactMessages} texts delivered in ${round(seconds)} s → ${results['contact msg/s (delivered)']} msg/s`,
    );
  }

  child.send({ cmd: 'stats' });
  const { stats, unhandled } = await once<{ stats: unknown; unhandled: number }>(child, (m) => 'stats' in m);
  results['sim unhandled stanzas'] = unhandled;
  results['rss MiB (clients process)'] = Math.round(process.memoryUsage().rss / 2 ** 20);
  clearTimeout(timer);
  report(results);
  console.log(`sim stats: ${JSON.stringify(stats)}`);
  for (const c of clients) c.end();
  child.send({ cmd: 'exit' });
  await new Promise((r) => child.once('exit', r));
  process.exit(0);
}

/** Counts `messages.upsert` entries whose text starts with `tag`, over all clients. */
function countReceived(
  clients: {
    sock: {
      ev: {
        on(
          e: 'messages.upsert',
          f: (u: {
            messages: {
              message?: { conversation?: string | null; extendedTextMessage?: { text?: string | null } | null } | null;
              key: { fromMe?: boolean | null };
            }[];
          }) => void,
        ): void;
      };
    };
  }[],
  tag: string,
) {
  let count = 0;
  let wake: (() => void) | undefined;
  for (const c of clients) {
    c.sock.ev.on('messages.upsert', ({ messages }) => {
      for (const m of messages) {
        const text = m.message?.conversation ?? m.message?.extendedTextMessage?.text ?? '';
        if (!m.key.fromMe && text.startsWith(tag)) count++;
      }
      wake?.();
    });
  }
  return {
    done: (expected: number) =>
      new Promise<void>((resolve) => {
        const check = (): void => {
          if (count >= expected) resolve();
        };
        wake = check;
        check();
      }),
  };
}

async function loadSupport() {
  // The sim's own test helpers: an unmodified Baileys client with in-memory auth, and QR linking.
  const sim = await import('../sim/test/support/sim.js');
  return { support: { linkByQr: sim.linkByQr, control: sim.control } };
}

function once<T>(child: ChildProcess, pred: (m: Record<string, unknown>) => boolean): Promise<T> {
  return new Promise((resolve, reject) => {
    const onMessage = (m: unknown): void => {
      if (m && typeof m === 'object' && pred(m as Record<string, unknown>)) {
        child.off('message', onMessage);
        resolve(m as T);
      }
    };
    child.on('message', onMessage);
    child.once('exit', (code) => reject(new Error(`simulator exited (${code})`)));
  });
}

/** libsignal logs every session it closes with console.log/warn; that is noise here, not a result. */
function silenceLibsignal(): void {
  for (const level of ['log', 'info', 'warn'] as const) {
    const original = console[level].bind(console);
    console[level] = (...args: unknown[]) => {
      if (
        typeof args[0] === 'string' &&
        /^(Closing (open )?session|Opening session|Removing old closed session|Session already|Decrypted message with closed session)/.test(
          args[0],
        )
      )
        return;
      original(...args);
    };
  }
}

function report(results: Record<string, number | string>): void {
  console.log('results:');
  for (const [k, v] of Object.entries(results)) console.log(`  ${k.padEnd(28)} ${v}`);
  console.log(`json: ${JSON.stringify(results)}`);
}

// Function declarations, not consts: the top-level await above runs main() before consts would exist.
function clamp(n: number, lo: number, hi: number): number {
  return Number.isFinite(n) ? Math.min(hi, Math.max(lo, Math.floor(n))) : lo;
}
function round(n: number): number {
  return Math.round(n * 100) / 100;
}
function gib(n: number): string {
  return (n / 2 ** 30).toFixed(1);
}
function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

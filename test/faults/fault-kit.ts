// The fault suite's topology, all real processes on loopback: the simulator (`wagate sim`) in its
// own process, a TCP proxy in front of it that can cut or freeze every connection, and wagate
// (`wagate serve`) as a real process that can be killed with SIGKILL and started again on the same
// database. Everything is driven through the public /v1 API and the simulator's control API.
import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { spawnCli, stop, waitForOutput } from '../support/cli.js';
import { startSimProcess as startSim, type SimProcess } from '../support/sim-process.js';
import { startTcpProxy, type TcpProxy } from '../support/tcp-proxy.js';
import { waitFor } from '../support/sim.js';

/** The full sizes run with `npm run test:faults`; `npm test` runs a bounded slice. */
export const FULL = process.env.WAGATE_FAULTS_FULL === '1';

export type { SimProcess } from '../support/sim-process.js';

/** The simulator in its own process, from source. */
export const startSimProcess = () => startSim(spawnCli, 'wagate-fault-sim-');

/** wagate as a real process on one data dir; `kill9` and `start` again keep the database. */
export class Gateway {
  private child: ChildProcessWithoutNullStreams | null = null;
  url = '';
  token = '';
  /** Everything the processes printed (checked for secrets by the suite). */
  output = '';
  /** The same output, kept on disk for a failed run (printed by the suite). */
  readonly logFile = join(tmpdir(), `wagate-faults-${process.pid}-${Date.now()}.log`);
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'wagate-fault-gw-'));

  constructor(private readonly wsUrl: string) {}

  async start(): Promise<void> {
    const child = spawnCli(['serve'], {
      WAGATE_DATA_DIR: this.dataDir,
      WAGATE_PORT: '0',
      WAGATE_LOG_LEVEL: 'info',
      WAGATE_LOG_PRETTY: 'false',
      WAGATE_WA_WS_URL: this.wsUrl,
      WAGATE_ALLOW_PRIVATE_URLS: '1',
      // Send limits raised (the suite measures loss, not protection), but paced at one message per
      // 20 ms so that faults land while the queue drains, not after.
      WAGATE_SEND_PER_MINUTE: '3000',
      WAGATE_RATE_LIMIT_PER_MINUTE: '100000',
    });
    const keep = (d: Buffer) => {
      this.output += d.toString();
      appendFileSync(this.logFile, d);
    };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    this.child = child;
    const out = await waitForOutput(child, /"msg":"wagate listening"/, 60_000);
    this.url = /"url":"(http:\/\/127\.0\.0\.1:\d+)"/.exec(out)![1]!;
    this.token ||= /token:\s+(wg_pat_[0-9A-Za-z]{43})/.exec(out)?.[1] ?? '';
  }

  /** SIGKILL: no shutdown code runs. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    await new Promise<void>((resolve) => {
      child.once('exit', () => resolve());
      child.kill('SIGKILL');
    });
    this.child = null;
  }

  async api<T = any>(method: string, path: string, body?: unknown): Promise<{ status: number; body: T }> {
    const res = await fetch(`${this.url}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${this.token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  }

  async close(): Promise<void> {
    if (this.child) await stop(this.child);
    this.child = null;
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

let counter = 0;
/** A test phone number unique to this process and call. */
export function faultPhone(): string {
  return `1556${String((process.pid % 10_000) * 10_000 + (++counter % 10_000)).padStart(8, '0')}`;
}

export interface Rig {
  sim: SimProcess;
  proxy: TcpProxy;
  gw: Gateway;
  sessionId: string;
  contact: string;
}

/** Sim process + proxy + wagate process, one linked session with account protection off, one contact. */
export async function startRig(): Promise<Rig> {
  const sim = await startSimProcess();
  const proxy = await startTcpProxy(sim.port);
  const gw = new Gateway(`ws://127.0.0.1:${proxy.port}/ws/chat`);
  await gw.start();
  const me = faultPhone();
  const contact = faultPhone();
  await sim.control('POST', '/sim/accounts', { phone: me, pushName: 'Fault Me' });
  await sim.control('POST', '/sim/accounts', { phone: contact, pushName: 'Fault Contact' });
  const created = await gw.api('POST', '/v1/sessions', { name: 'faults' });
  const sessionId: string = created.body.session.id;
  await gw.api('POST', `/v1/sessions/${sessionId}/connect`);
  const qr = await waitFor('a QR code', async () => {
    const res = await gw.api('GET', `/v1/sessions/${sessionId}/qr`);
    return res.status === 200 ? (res.body.qr as string) : undefined;
  });
  await sim.control('POST', `/sim/accounts/${me}/link`, { qr });
  await waitForConnected(gw, sessionId);
  const patched = await gw.api('PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
  if (patched.status !== 200) throw new Error(`settings: ${patched.status} ${JSON.stringify(patched.body)}`);
  return { sim, proxy, gw, sessionId, contact };
}

export async function closeRig(rig: Rig | undefined): Promise<void> {
  await rig?.gw.close();
  await rig?.proxy.close();
  await rig?.sim.close();
}

export async function waitForConnected(gw: Gateway, sessionId: string, timeoutMs = 60_000): Promise<void> {
  await waitFor(
    `session ${sessionId} connected`,
    async () => (await gw.api('GET', `/v1/sessions/${sessionId}`)).body?.session?.status === 'connected',
    timeoutMs,
    200,
  );
}

/** Accepts `n` texts (prefix + index), a few requests at a time; returns text → id of those answered 202. */
export async function sendMany(rig: Rig, prefix: string, n: number): Promise<Map<string, string>> {
  const accepted = new Map<string, string>();
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const text = `${prefix} ${next++}`;
      const res = await rig.gw
        .api('POST', `/v1/sessions/${rig.sessionId}/messages`, { to: rig.contact, text })
        .catch(() => null);
      if (res?.status === 202) accepted.set(text, res.body.message.id);
    }
  };
  await Promise.all(Array.from({ length: 6 }, worker));
  return accepted;
}

/** How many times each text reached the contact. */
export async function contactCounts(rig: Rig, prefix: string): Promise<Map<string, number>> {
  return new Map([...(await contactIds(rig, prefix))].map(([text, ids]) => [text, ids.length]));
}

/** The WhatsApp ids under which each text reached the contact. */
export async function contactIds(rig: Rig, prefix: string): Promise<Map<string, string[]>> {
  const inbox = await rig.sim.control<Array<{ id: string; text?: string }>>(
    'GET',
    `/sim/accounts/${rig.contact}/inbox`,
  );
  const ids = new Map<string, string[]>();
  for (const m of inbox) if (m.text?.startsWith(`${prefix} `)) ids.set(m.text, [...(ids.get(m.text) ?? []), m.id]);
  return ids;
}

/** Every outbound message of the session by id → status (all pages). */
export async function statuses(rig: Rig): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let cursor: string | null = null;
  do {
    const res: { body: { data: Array<{ id: string; status: string }>; next_cursor: string | null } } = await rig.gw.api(
      'GET',
      `/v1/sessions/${rig.sessionId}/messages?direction=out&limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
    );
    for (const m of res.body.data) out.set(m.id, m.status);
    cursor = res.body.next_cursor;
  } while (cursor);
  return out;
}

export interface Tally {
  accepted: number;
  delivered: number;
  lost: number;
  duplicated: number;
  /** Of the duplicated: shown twice under the same WhatsApp id (a resend the phone should have dropped). */
  duplicatedSameId: number;
  failed: number;
  notSent: number;
}

/** Waits until every accepted text is at the contact and no message is still queued or in flight, then counts. */
export async function settle(
  rig: Rig,
  prefix: string,
  accepted: Map<string, string>,
  timeoutMs: number,
): Promise<Tally> {
  await waitFor(
    'every accepted message delivered and settled',
    async () => {
      const counts = await contactCounts(rig, prefix);
      if (![...accepted.keys()].every((text) => counts.has(text))) return false;
      const st = await statuses(rig);
      return [...accepted.values()].every((id) => !['queued', 'sending'].includes(st.get(id) ?? 'queued'));
    },
    timeoutMs,
    500,
  ).catch(() => undefined); // count what there is; the assertions say what is wrong
  // Give a late duplicate every chance to show up before counting.
  await new Promise((r) => setTimeout(r, 1_500));
  const byText = await contactIds(rig, prefix);
  const counts = new Map([...byText].map(([text, ids]) => [text, ids.length]));
  const st = await statuses(rig);
  const ids = [...accepted.values()];
  return {
    accepted: accepted.size,
    delivered: [...accepted.keys()].filter((t) => counts.get(t) === 1).length,
    lost: [...accepted.keys()].filter((t) => !counts.has(t)).length,
    duplicated: [...counts.values()].filter((c) => c > 1).length,
    duplicatedSameId: [...byText.values()].filter((x) => x.length > 1 && new Set(x).size === 1).length,
    failed: ids.filter((id) => st.get(id) === 'failed').length,
    notSent: ids.filter((id) => ['queued', 'sending'].includes(st.get(id) ?? 'queued')).length,
  };
}

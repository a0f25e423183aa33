// End-to-end support: the WhatsApp network simulator (sim/) in-process, its control API over real
// HTTP, and helpers that link a wagate session to a simulated phone through the public /v1 API.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startSimulator, type SimHandle } from '../../sim/src/index.js';
import { after, before } from 'node:test';
import type { ContainerOverrides } from '../../src/app/container.js';
import { createTestApp, type Dialect, type TestApp } from './harness.js';

export interface TestSim {
  handle: SimHandle;
  dataDir: string;
  /** Calls the control API (`/sim/...`) and returns the parsed JSON; throws on a non-2xx answer. */
  control<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T>;
  /** A new simulated account (a phone with a number and a LID). */
  account(phone?: string, pushName?: string): Promise<{ phone: string; lid: string }>;
  /** Stops the simulator and starts it again on the same port and data dir (a network drop). */
  restart(): Promise<void>;
  close(): Promise<void>;
}

let phoneCounter = 0;
/** A fresh test phone number (E.164 digits) per call, unique across test files running at once. */
export function testPhone(): string {
  const n = (process.pid % 10_000) * 10_000 + (++phoneCounter % 10_000);
  return `1555${String(n).padStart(8, '0')}`;
}

export async function startTestSim(): Promise<TestSim> {
  const dataDir = mkdtempSync(join(tmpdir(), 'wagate-sim-'));
  let handle = await startSimulator({ port: 0, dataDir });
  const port = handle.port;
  const sim: TestSim = {
    get handle() {
      return handle;
    },
    dataDir,
    async control<T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> {
      const res = await fetch(`${handle.controlUrl}${path}`, {
        method,
        headers: body === undefined ? {} : { 'content-type': 'application/json' },
        ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      });
      const text = await res.text();
      if (!res.ok) throw new Error(`sim ${method} ${path} → ${res.status}: ${text}`);
      return (text ? JSON.parse(text) : undefined) as T;
    },
    account: (phone = testPhone(), pushName?: string) =>
      sim.control('POST', '/sim/accounts', { phone, ...(pushName ? { pushName } : {}) }),
    async restart() {
      await handle.close();
      handle = await startSimulator({ port, dataDir });
    },
    async close() {
      await handle.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
  return sim;
}

/** Polls `fn` until it returns a truthy value or `timeoutMs` passes (then throws with `what`). */
export async function waitFor<T>(
  what: string,
  fn: () => Promise<T | undefined | null | false>,
  timeoutMs = 20_000,
  everyMs = 100,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await fn();
      if (value) return value;
    } catch (err) {
      last = err;
    }
    if (Date.now() > deadline)
      throw new Error(
        `timed out after ${timeoutMs} ms waiting for ${what}${last ? ` (last error: ${String(last)})` : ''}`,
      );
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/** Waits until GET /v1/sessions/{id} shows `status`. */
export async function waitForStatus(
  t: TestApp,
  token: string,
  sessionId: string,
  status: string,
  timeoutMs = 30_000,
): Promise<void> {
  let seen = '';
  await waitFor(
    `session ${sessionId} to be ${status}`,
    async () => {
      const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}`);
      seen = res.body?.session?.status;
      return seen === status;
    },
    timeoutMs,
  ).catch((err: Error) => {
    throw new Error(`${err.message}; last status: ${seen}`);
  });
}

/** Creates a session, connects it, reads the QR through the API and has the simulated phone scan it. */
export async function linkSessionByQr(
  t: TestApp,
  token: string,
  sim: TestSim,
  phone: string,
  name?: string,
): Promise<string> {
  const created = await t.request(token, 'POST', '/v1/sessions', name ? { name } : {});
  if (created.statusCode !== 201)
    throw new Error(`create session: ${created.statusCode} ${JSON.stringify(created.body)}`);
  const sessionId: string = created.body.session.id;
  const connect = await t.request(token, 'POST', `/v1/sessions/${sessionId}/connect`);
  if (connect.statusCode !== 202) throw new Error(`connect: ${connect.statusCode} ${JSON.stringify(connect.body)}`);
  const qr = await waitFor('a QR code', async () => {
    const res = await t.request(token, 'GET', `/v1/sessions/${sessionId}/qr`);
    return res.statusCode === 200 ? (res.body.qr as string) : undefined;
  });
  await sim.control('POST', `/sim/accounts/${phone}/link`, { qr });
  await waitForStatus(t, token, sessionId, 'connected');
  return sessionId;
}

export interface SimApp {
  readonly sim: TestSim;
  readonly t: TestApp;
  /** A personal access token of the account the suite works in. */
  readonly token: string;
}

export interface LinkedSimApp extends SimApp {
  /** The simulated phone the session is linked to. */
  readonly me: { phone: string; lid: string };
  /** A second simulated phone to talk to. */
  readonly contact: { phone: string; lid: string };
  readonly sessionId: string;
}

export interface SimAppOptions {
  env?: Record<string, string>;
  /** The app's database (SQLite by default). */
  dialect?: Dialect;
  /** Container overrides; a function gets the started simulator (e.g. for its media CA). */
  overrides?:
    | Omit<ContainerOverrides, 'waWebSocketUrl'>
    | ((sim: TestSim) => Omit<ContainerOverrides, 'waWebSocketUrl'>);
}

/**
 * For a describe block: starts a simulator and a wagate app connected to it (before), makes an
 * account, and stops both (after). Read the parts inside tests: `ctx.sim`, `ctx.t`, `ctx.token`.
 */
export function useSimApp(options: SimAppOptions = {}): SimApp {
  return setUp(options, null);
}

/**
 * useSimApp plus, before the tests, two simulated phones and a session linked to the first by QR
 * (`ctx.me`, `ctx.contact`, `ctx.sessionId`); `settings` are applied to the session after linking.
 */
export function useLinkedSession(
  options: SimAppOptions & { names: [string, string]; sessionName?: string; settings?: Record<string, unknown> },
): LinkedSimApp {
  return setUp(options, options) as LinkedSimApp;
}

function setUp(
  options: SimAppOptions,
  link: { names: [string, string]; sessionName?: string; settings?: Record<string, unknown> } | null,
): SimApp | LinkedSimApp {
  let sim: TestSim | undefined;
  let t: TestApp | undefined;
  let token = '';
  let me: { phone: string; lid: string } | undefined;
  let contact: { phone: string; lid: string } | undefined;
  let sessionId: string | undefined;
  before(async () => {
    sim = await startTestSim();
    const extra = typeof options.overrides === 'function' ? options.overrides(sim) : options.overrides;
    t = await createTestApp({
      ...(options.env ? { env: options.env } : {}),
      ...(options.dialect ? { dialect: options.dialect } : {}),
      overrides: { ...extra, waWebSocketUrl: sim.handle.wsUrl },
    });
    ({ token } = await t.createAccount());
    if (link) {
      me = await sim.account(testPhone(), link.names[0]);
      contact = await sim.account(testPhone(), link.names[1]);
      sessionId = await linkSessionByQr(t, token, sim, me.phone, link.sessionName);
      if (link.settings) await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, link.settings);
    }
  });
  after(async () => {
    await t?.close();
    await sim?.close();
  });
  const must = <T>(v: T | undefined, what: string): T => {
    if (!v) throw new Error(`${what} is not started (use it inside a test)`);
    return v;
  };
  return {
    get sim() {
      return must(sim, 'the simulator');
    },
    get t() {
      return must(t, 'the app');
    },
    get token() {
      return token;
    },
    get me() {
      return must(me, 'the linked phone');
    },
    get contact() {
      return must(contact, 'the contact');
    },
    get sessionId() {
      return must(sessionId, 'the linked session');
    },
  };
}

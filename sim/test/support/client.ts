/**
 * A real, unmodified Baileys client for simulator tests: in-memory auth (creds + Signal keys kept
 * in this process so a reconnect reuses them), silent logger, and helpers to wait for events.
 */
import makeWASocket, {
  Browsers,
  DisconnectReason,
  initAuthCreds,
  makeCacheableSignalKeyStore,
  type AuthenticationCreds,
  type ConnectionState,
  type SignalDataSet,
  type SignalDataTypeMap,
  type SignalKeyStore,
  type WAMessage,
  type WAMessageUpdate,
  type UserFacingSocketConfig,
} from 'baileys';
import { proto } from 'baileys';
import pino from 'pino';

export const silent = pino({ level: 'silent' });

/**
 * Baileys rc14 leaks a ref'd 30 s timer per prekey upload (the timeout side of a Promise.race in
 * socket.js uploadPreKeys is never cleared), which keeps a finished test process alive for 30 s.
 * Test-only: unref exactly those timers. Nothing else is touched.
 */
const realSetTimeout = globalThis.setTimeout;
globalThis.setTimeout = ((fn: (...a: unknown[]) => void, ms?: number, ...args: unknown[]) => {
  const timer = realSetTimeout(fn, ms, ...args);
  if (ms === 30_000 && new Error().stack?.includes('uploadPreKeys')) timer.unref();
  return timer;
}) as typeof setTimeout;

export interface MemoryAuth {
  creds: AuthenticationCreds;
  store: Map<string, unknown>;
}

export function newAuth(): MemoryAuth {
  return { creds: initAuthCreds(), store: new Map() };
}

function memoryKeys(store: Map<string, unknown>): SignalKeyStore {
  return {
    get: async <T extends keyof SignalDataTypeMap>(type: T, ids: string[]) => {
      const out: { [id: string]: SignalDataTypeMap[T] } = {};
      for (const id of ids) {
        const v = store.get(`${type}:${id}`);
        if (v !== undefined) out[id] = v as SignalDataTypeMap[T];
      }
      return out;
    },
    set: async (data: SignalDataSet) => {
      for (const [type, entries] of Object.entries(data)) {
        for (const [id, v] of Object.entries(entries ?? {})) {
          if (v === null || v === undefined) store.delete(`${type}:${id}`);
          else store.set(`${type}:${id}`, v);
        }
      }
    },
  };
}

export type Sock = ReturnType<typeof makeWASocket>;

export interface TestClient {
  sock: Sock;
  auth: MemoryAuth;
  updates: Partial<ConnectionState>[];
  messages: WAMessage[];
  messageUpdates: WAMessageUpdate[];
  /** Resolves with the first update matching `pred` (past or future). */
  waitForUpdate(
    pred: (u: Partial<ConnectionState>) => boolean,
    timeoutMs?: number,
    what?: string,
  ): Promise<Partial<ConnectionState>>;
  waitForMessage(pred: (m: WAMessage) => boolean, timeoutMs?: number): Promise<WAMessage>;
  waitForStatus(id: string, minStatus: number, timeoutMs?: number): Promise<WAMessageUpdate>;
  closeCode(): number | undefined;
  /**
   * Ends the socket after in-flight queries had time to be answered: Baileys' end() drops its
   * close listeners first, so a query still in flight keeps a 60 s timer alive.
   */
  end(): Promise<void>;
}

function waiter<T>(
  list: T[],
  subscribe: (fn: () => void) => void,
  pred: (x: T) => boolean,
  timeoutMs: number,
  what: string,
): Promise<T> {
  return new Promise((resolve, reject) => {
    const found = list.find(pred);
    if (found) return resolve(found);
    const timer = setTimeout(() => reject(new Error(`timed out waiting for ${what}`)), timeoutMs);
    subscribe(() => {
      const hit = list.find(pred);
      if (hit) {
        clearTimeout(timer);
        resolve(hit);
      }
    });
  });
}

export function startClient(
  wsUrl: string,
  auth: MemoryAuth = newAuth(),
  extra: Partial<UserFacingSocketConfig> = {},
): TestClient {
  const sock = makeWASocket({
    waWebSocketUrl: wsUrl,
    auth: { creds: auth.creds, keys: makeCacheableSignalKeyStore(memoryKeys(auth.store), silent) },
    logger: silent,
    browser: Browsers.ubuntu('Chrome'),
    ...extra,
  });
  const listeners: (() => void)[] = [];
  const notify = (): void => listeners.forEach((l) => l());
  const client: TestClient = {
    sock,
    auth,
    updates: [],
    messages: [],
    messageUpdates: [],
    waitForUpdate: (pred, timeoutMs = 15_000, what = 'connection update') =>
      waiter(client.updates, (f) => listeners.push(f), pred, timeoutMs, what),
    waitForMessage: (pred, timeoutMs = 15_000) =>
      waiter(client.messages, (f) => listeners.push(f), pred, timeoutMs, 'message'),
    waitForStatus: (id, min, timeoutMs = 15_000) =>
      waiter(
        client.messageUpdates,
        (f) => listeners.push(f),
        (u) => u.key.id === id && (u.update.status ?? 0) >= min,
        timeoutMs,
        `status ${min} of ${id}`,
      ),
    closeCode: () => {
      const close = client.updates.find((u) => u.connection === 'close');
      return (close?.lastDisconnect?.error as { output?: { statusCode?: number } } | undefined)?.output?.statusCode;
    },
    end: async () => {
      await new Promise((r) => realSetTimeout(r, 150));
      sock.end(undefined);
    },
  };
  sock.ev.on('connection.update', (u) => {
    client.updates.push(u);
    notify();
  });
  sock.ev.on('messages.upsert', ({ messages }) => {
    client.messages.push(...messages);
    // Baileys merges a status that arrives while events are buffered into the buffered upsert of
    // the sent message instead of emitting messages.update; count it as an update too.
    for (const m of messages) {
      const status =
        typeof m.status === 'string'
          ? proto.WebMessageInfo.Status[m.status as keyof typeof proto.WebMessageInfo.Status]
          : m.status;
      if (m.key.fromMe && typeof status === 'number' && status >= 3)
        client.messageUpdates.push({ key: m.key, update: { status } });
    }
    notify();
  });
  sock.ev.on('messages.update', (updates) => {
    client.messageUpdates.push(...updates);
    notify();
  });
  return client;
}

export { DisconnectReason };

import type { WebSocket } from 'ws';
import { child, children, node as mk, nodeToString, S_WHATSAPP_NET, type BinaryNode } from '../binary/index.js';
import { buildCertChain, newKeyPair } from '../cert/chain.js';
import { Connection, type ConnectionHost } from '../transport/connection.js';
import type { HandshakeResult } from '../transport/noise.js';
import { StateStore } from '../state/store.js';
import { defaultLogger, type SimLogger } from './logger.js';
import { deviceKey, type Session } from './session.js';
import { Accounts } from './accounts.js';
import { GroupModel } from './groups/model.js';
import { dispatch } from './dispatch.js';
import { login } from './login.js';
import { startRegistration } from './pairing.js';
import { Stats } from './stats.js';
import type { SentIndexEntry } from './relay.js';
import type { MediaStore } from '../media/store.js';

export interface SimulatorOptions {
  dataDir?: string;
  logger?: SimLogger;
  /** How many QR refs a registering companion gets (Baileys ends with 408 when they run out). */
  qrRefs?: number;
  /** Milliseconds to wait for a client's answer to a server IQ (pair-success). */
  iqTimeoutMs?: number;
}

export interface UnhandledStanza {
  at: number;
  from: string;
  reason: string;
  stanza: string;
}

/**
 * The simulated network: sessions of connected clients, the account registry with each account's
 * phone, and delivery (live, queued, or to a phone). Handlers live in sibling files and receive it.
 */
export class Simulator implements ConnectionHost {
  readonly store: StateStore;
  readonly log: SimLogger;
  readonly accounts: Accounts;
  readonly groups: GroupModel;
  readonly stats = new Stats();
  readonly qrRefs: number;
  readonly iqTimeoutMs: number;
  private readonly serverStatic = newKeyPair();
  readonly sessions = new Map<Connection, Session>();
  /** Logged-in sessions by `pn:device`. */
  readonly live = new Map<string, Session>();
  /** Live QR refs → the registering session that shows them. */
  readonly refs = new Map<string, Session>();
  /** Accounts that exchanged messages (for device-list change notifications). */
  readonly peers = new Map<string, Set<string>>();
  /** Relayed message ids → sender and chat, to route receipts (bounded, in memory). */
  readonly sentIndex = new Map<string, SentIndexEntry>();
  /** The media CDN's blobs (set by startSimulator once the HTTPS host runs; sim/src/media). */
  media: MediaStore | undefined;
  private readonly pendingIqs = new Map<string, (node: BinaryNode) => void>();
  private readonly unhandledList: UnhandledStanza[] = [];
  private iqCounter = 0;

  constructor(opts: SimulatorOptions = {}) {
    this.log = opts.logger ?? defaultLogger;
    this.qrRefs = opts.qrRefs ?? 6;
    this.iqTimeoutMs = opts.iqTimeoutMs ?? 20_000;
    this.store = new StateStore(opts.dataDir);
    this.accounts = new Accounts(this);
    this.groups = new GroupModel(this.store, (id) => this.accounts.resolve(id)?.pn);
    this.store.beforeWrite = () => this.accounts.snapshotPhones();
    this.store.onError = (err) => this.log.error({ err }, 'state write failed');
  }

  attach(ws: WebSocket): void {
    this.stats.connections++;
    new Connection(ws, this, this.serverStatic, buildCertChain);
  }

  onHandshake(conn: Connection, result: HandshakeResult): void {
    const session: Session = { conn, payload: result.payload, ready: false };
    this.sessions.set(conn, session);
    if (result.payload.username) login(this, session, result);
    else startRegistration(this, session, result);
  }

  onStanza(conn: Connection, node: BinaryNode): void {
    const session = this.sessions.get(conn);
    if (!session) return;
    this.stats.stanzasIn++;
    // Getters: the stanza is rendered only if a logger really writes the debug line.
    this.log.debug(
      {
        conn: conn.id,
        get in() {
          return nodeToString(node);
        },
      },
      'stanza in',
    );
    if (node.tag === 'iq' && (node.attrs.type === 'result' || node.attrs.type === 'error')) {
      const waiter = this.pendingIqs.get(node.attrs.id ?? '');
      if (waiter) {
        this.pendingIqs.delete(node.attrs.id!);
        return waiter(node);
      }
    }
    dispatch(this, session, node).catch((err: unknown) => {
      this.log.error({ err, stanza: nodeToString(node) }, 'stanza handler failed');
      this.unhandled(session, node, `handler error: ${(err as Error)?.message ?? err}`);
    });
  }

  onClose(conn: Connection): void {
    const session = this.sessions.get(conn);
    this.sessions.delete(conn);
    if (!session) return;
    for (const ref of session.registration?.refs ?? []) this.refs.delete(ref);
    if (session.pn !== undefined && session.device !== undefined) {
      const key = deviceKey(session.pn, session.device);
      if (this.live.get(key) === session) this.live.delete(key);
    }
  }

  onError(_conn: Connection, err: unknown): void {
    this.log.warn({ err }, 'connection error');
  }

  send(session: Session, node: BinaryNode): void {
    this.stats.stanzasOut++;
    this.log.debug(
      {
        conn: session.conn.id,
        get out() {
          return nodeToString(node);
        },
      },
      'stanza out',
    );
    session.conn.send(node);
  }

  nextId(): string {
    return `sim-${Date.now().toString(36)}-${++this.iqCounter}`;
  }

  /** Sends a server IQ and waits for the client's result/error. */
  query(session: Session, iq: BinaryNode): Promise<BinaryNode> {
    const id = iq.attrs.id ?? this.nextId();
    iq.attrs.id = id;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pendingIqs.delete(id);
        reject(new Error(`no answer to server iq ${id}`));
      }, this.iqTimeoutMs);
      timer.unref();
      this.pendingIqs.set(id, (n) => {
        clearTimeout(timer);
        resolve(n);
      });
      this.send(session, iq);
    });
  }

  /**
   * Delivers a stanza to one device: the phone (device 0) gets it at once, in process. A companion's
   * copy is kept until the device acknowledges it (`acknowledged`), written now when its session is
   * ready, and written again to its next connection if it never answers (state/queues.ts).
   */
  deliver(pn: string, device: number, node: BinaryNode): void {
    if (device === 0) return this.deliverToPhone(pn, node);
    const key = deviceKey(pn, device);
    const session = this.live.get(key);
    const now = session?.ready && session.conn.isOpen ? session : undefined;
    this.store.queues.add(key, node, now?.conn.id);
    this.store.changed();
    if (now) this.send(now, node);
  }

  private deliverToPhone(pn: string, node: BinaryNode): void {
    const phone = this.accounts.phone(pn);
    if (!phone) return;
    const failed = (err: unknown): void =>
      this.log.error({ err, stanza: nodeToString(node) }, 'phone failed on stanza');
    // Receiving changes the phone's ratchets and inbox: persist them once it is done (or failed).
    const settled = (): void => this.store.changed();
    try {
      Promise.resolve(phone.receive(node)).catch(failed).finally(settled);
    } catch (err) {
      failed(err);
      settled();
    }
  }

  /**
   * Sends a device what it has not acknowledged and this connection has not been sent (marked
   * `offline`, as queued stanzas are), then `<ib><offline count/>`, which ends Baileys' offline
   * phase. Only for the device's current open session: a closed or replaced one never would answer.
   */
  flushQueue(session: Session): void {
    const key = deviceKey(session.pn!, session.device!);
    if (!session.conn.isOpen || this.live.get(key) !== session) return;
    const pending = this.store.queues.takeUnsent(key, session.conn.id);
    for (const n of pending) this.send(session, { ...n, attrs: { ...n.attrs, offline: '1' } });
    this.send(session, mk('ib', { from: S_WHATSAPP_NET }, [mk('offline', { count: String(pending.length) })]));
  }

  /**
   * A device answered a stanza we delivered: an `<ack class id [type]>`, or a `<receipt>` for a
   * message (Baileys answers a decrypted message with its receipt, not an ack). The stanza is done.
   */
  acknowledged(pn: string, device: number, answer: BinaryNode): void {
    const key = deviceKey(pn, device);
    if (this.store.queues.size(key) === 0) return;
    let done = false;
    if (answer.tag === 'ack' && answer.attrs.id && answer.attrs.class) {
      const type = answer.attrs.class === 'receipt' ? (answer.attrs.type ?? '') : undefined;
      done = this.store.queues.settle(key, {
        tag: answer.attrs.class,
        id: answer.attrs.id,
        ...(type === undefined ? {} : { type }),
      });
    } else if (answer.tag === 'receipt') {
      for (const id of receiptIds(answer)) done = this.store.queues.settle(key, { tag: 'message', id }) || done;
    }
    if (done) this.store.changed();
  }

  /** Records a stanza the simulator does not understand; IQs get an error so the client never hangs. */
  unhandled(session: Session | undefined, node: BinaryNode, reason: string): void {
    const entry = {
      at: Date.now(),
      from: session?.pn ? `${session.pn}:${session.device}` : 'unregistered',
      reason,
      stanza: nodeToString(node),
    };
    this.unhandledList.push(entry);
    this.log.warn(entry, 'unhandled stanza');
    if (session && node.tag === 'iq' && node.attrs.type !== 'result' && node.attrs.type !== 'error') {
      this.send(
        session,
        mk('iq', { id: node.attrs.id, from: S_WHATSAPP_NET, type: 'error' }, [
          mk('error', { code: '501', text: 'feature-not-implemented' }),
        ]),
      );
    }
  }

  /** What the server did not understand, plus what any phone did not (a gap either way). */
  unhandledStanzas(): UnhandledStanza[] {
    const fromPhones = this.store.all().flatMap((a) =>
      (this.accounts.phone(a.pn)?.unhandled() ?? []).map((u) => ({
        at: Date.parse(u.at) || 0,
        from: `${a.pn}:0 (phone)`,
        reason: u.reason,
        stanza: nodeToString(u.node),
      })),
    );
    return [...this.unhandledList, ...fromPhones].sort((x, y) => x.at - y.at);
  }

  async close(): Promise<void> {
    for (const s of this.sessions.values()) s.conn.terminate();
    this.store.close();
  }
}

/** The message ids a receipt names: its `id` and the items of its `<list>`. */
function receiptIds(receipt: BinaryNode): string[] {
  const more = children(child(receipt, 'list'), 'item').map((i) => i.attrs.id);
  return [receipt.attrs.id, ...more].filter((x): x is string => !!x);
}

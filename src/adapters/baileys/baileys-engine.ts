// The Engine port on Baileys: one WhatsApp socket at a time for one session.
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { Agent as UndiciAgent } from 'undici';
import makeWASocket, {
  Browsers,
  generateMessageIDV2,
  jidNormalizedUser,
  S_WHATSAPP_NET,
  type WASocket,
} from 'baileys';
import type {
  ChatId,
  Engine,
  EngineEvent,
  EngineIdentity,
  EngineOptions,
  MessageRef,
  OutgoingContent,
  PresenceState,
  SendResult,
} from '../../core/ports/engine.js';
import { loadAuthState, type StoredAuthState } from './auth-state.js';
import { downloadInboundMedia } from './media-download.js';
import type { InboundMediaDownload, InboundMessage } from '../../core/ports/engine.js';
import { Agent as MediaAgent } from 'undici';
import { rootCertificates as systemRoots } from 'node:tls';
import { guardedLookup } from '../../lib/address-guard.js';
import { toMessageKey, toOutgoingMessage } from './from-core.js';
import { ConflictError, NotConnectedError } from '../../core/errors.js';
import { ackError } from './ack-errors.js';
import type { BaileysEngineConfig } from './index.js';
import { baileysLogger, type BaileysLogger } from './logger.js';
import { closeReasonFromCode, deliveryStatusFromProto, toInboundMessage } from './to-core.js';

/**
 * Media over TLS with extra trusted CAs: uploads go through node:https (`fetchAgent`), downloads
 * through fetch (an undici `dispatcher` in `options`). Without extra CAs, Baileys' defaults.
 */
function mediaTlsOptions(extraCaPem: string[] | undefined): { fetchAgent?: HttpsAgent; options?: RequestInit } {
  if (!extraCaPem?.length) return {};
  const ca = [...rootCertificates, ...extraCaPem];
  return { fetchAgent: new HttpsAgent({ ca, keepAlive: true }), options: { dispatcher: new UndiciAgent({ connect: { ca } }) } as unknown as RequestInit };
}

interface BoomLike {
  output?: { statusCode?: number };
  message?: string;
}

/** How long a clean WebSocket close may take before the socket is torn down. */
const CLOSE_GRACE_MS = 1_000;

/** Drops the TCP connection under Baileys' WebSocket wrapper (which emits `close` at once). */
function terminateSocket(sock: WASocket): void {
  const raw = (sock.ws as unknown as { socket?: { terminate?: () => void } | null }).socket;
  raw?.terminate?.();
}

export class BaileysEngine implements Engine {
  private sock: WASocket | null = null;
  private auth: StoredAuthState | null = null;
  /** Incremented per socket so late events of a closed socket are ignored. */
  private generation = 0;
  private credsWrite: Promise<void> = Promise.resolve();
  private qrCount = 0;
  private readonly log: BaileysLogger;

  constructor(
    private readonly options: EngineOptions,
    private readonly config: BaileysEngineConfig,
  ) {
    this.log = baileysLogger(config.logger, options.sessionId, config.baileysLogLevel ?? 'silent');
  }

  private emit(event: EngineEvent): void {
    try {
      this.options.onEvent(event);
    } catch (err) {
      this.config.logger.error({ err, sessionId: this.options.sessionId }, 'engine event handler threw');
    }
  }

  private async authState(): Promise<StoredAuthState> {
    this.auth ??= await loadAuthState(this.options.sessionId, this.config.authStore, this.config.sealer, this.log);
    return this.auth;
  }

  async hasCredentials(): Promise<boolean> {
    return (await this.authState()).isRegistered();
  }

  async start(): Promise<void> {
    await this.closeSocket();
    const auth = await this.authState();
    const gen = ++this.generation;
    this.qrCount = 0;
    const sock = makeWASocket({
      auth: auth.state,
      logger: this.log,
      browser: Browsers.ubuntu('wagate'),
      markOnlineOnConnect: this.config.markOnlineOnConnect ?? false,
      syncFullHistory: false,
      ...(this.config.waWebSocketUrl ? { waWebSocketUrl: this.config.waWebSocketUrl } : {}),
      ...(this.config.qrTimeoutMs ? { qrTimeout: this.config.qrTimeoutMs } : {}),
      ...(this.config.keepAliveIntervalMs ? { keepAliveIntervalMs: this.config.keepAliveIntervalMs } : {}),
      ...mediaTlsOptions(this.config.extraCaPem),
      connectTimeoutMs: this.config.connectTimeoutMs ?? 20_000,
      defaultQueryTimeoutMs: this.config.queryTimeoutMs ?? 60_000,
    });
    this.sock = sock;
    const live = () => gen === this.generation;

    sock.ev.on('creds.update', () => {
      if (!live()) return;
      this.credsWrite = this.credsWrite
        .then(() => auth.saveCreds())
        .catch((err: unknown) => this.config.logger.error({ err, sessionId: this.options.sessionId }, 'saving creds failed'));
    });

    sock.ev.on('connection.update', (update) => {
      if (!live()) return;
      if (update.connection === 'connecting') this.emit({ type: 'connecting' });
      if (update.qr) {
        // Baileys shows the first ref for 60 s and later ones for 20 s unless qrTimeout is set.
        const ttl = this.config.qrTimeoutMs ?? (this.qrCount === 0 ? 60_000 : 20_000);
        this.qrCount++;
        this.emit({ type: 'qr', qr: update.qr, expiresAt: new Date(Date.now() + ttl) });
      }
      if (update.connection === 'open') this.emit({ type: 'open', identity: this.identity(auth) });
      if (update.connection === 'close') {
        this.onClose(gen, auth, update.lastDisconnect?.error as BoomLike | undefined).catch((err: unknown) =>
          this.config.logger.error({ err, sessionId: this.options.sessionId }, 'handling a closed connection failed'),
        );
      }
    });

    sock.ev.on('messages.upsert', ({ messages, type }) => {
      if (!live()) return;
      for (const m of messages) {
        const inbound = toInboundMessage(m);
        if (inbound) this.emit({ type: 'message', message: inbound, live: type === 'notify' });
        // While Baileys buffers events, a receipt for our own message is merged into the buffered
        // upsert of that message instead of arriving as messages.update: take the status from it.
        const status = m.key?.fromMe ? deliveryStatusFromProto(m.status) : null;
        if (inbound && status) {
          const error = status === 'failed' ? ackError(m.messageStubParameters) : undefined;
          this.emit({ type: 'status', waId: inbound.waId, chat: inbound.chat, status, at: new Date(), ...(error ? { error } : {}) });
        }
      }
    });

    sock.ev.on('call', (calls) => {
      if (!live()) return;
      for (const c of calls) {
        this.emit({
          type: 'call',
          call: {
            callId: c.id,
            from: c.from,
            callerJid: c.callerPn ? jidNormalizedUser(c.callerPn) : c.from.endsWith('@s.whatsapp.net') ? jidNormalizedUser(c.from) : null,
            isVideo: Boolean(c.isVideo),
            isGroup: Boolean(c.isGroup),
            status: c.status,
            at: c.date instanceof Date ? c.date : new Date(),
          },
        });
      }
    });

    sock.ev.on('messages.update', (updates) => {
      if (!live()) return;
      for (const { key, update } of updates) {
        if (!key.id || !key.fromMe || !key.remoteJid) continue;
        const status = deliveryStatusFromProto(update.status);
        if (!status) continue;
        const error = status === 'failed' ? ackError((update as { messageStubParameters?: unknown }).messageStubParameters) : undefined;
        this.emit({ type: 'status', waId: key.id, chat: jidNormalizedUser(key.remoteJid), status, at: new Date(), ...(error ? { error } : {}) });
      }
    });
  }

  private async onClose(gen: number, auth: StoredAuthState, error: BoomLike | undefined): Promise<void> {
    if (gen !== this.generation) return;
    this.sock = null;
    const code = error?.output?.statusCode ?? null;
    const reason = closeReasonFromCode(code, auth.isRegistered());
    await this.credsWrite;
    if (reason === 'logged_out') await auth.wipe();
    this.emit({ type: 'close', reason, code, message: error?.message ?? 'connection closed' });
  }

  private identity(auth: StoredAuthState): EngineIdentity {
    const me = auth.state.creds.me;
    const deviceJid = me?.id ?? '';
    const jid = jidNormalizedUser(deviceJid);
    return {
      deviceJid,
      jid,
      lid: me?.lid ? jidNormalizedUser(me.lid) : null,
      phoneNumber: jid.split('@')[0] ?? '',
      pushName: me?.name ?? me?.notify ?? null,
    };
  }

  private async closeSocket(): Promise<void> {
    const sock = this.sock;
    if (!sock) return;
    this.generation++; // our own close: ignore its events
    this.sock = null;
    // Baileys waits for the peer's WebSocket close frame (ws gives up after 30 s). A dead or frozen
    // peer never sends one, so after a moment the socket is torn down without it.
    const ending = sock.end(undefined);
    const timer = setTimeout(() => terminateSocket(sock), CLOSE_GRACE_MS);
    await ending.finally(() => clearTimeout(timer));
  }

  async stop(): Promise<void> {
    await this.closeSocket();
    await this.credsWrite;
    // H6: media download connections.
    await this.mediaAgent?.close();
    this.mediaAgent = null;
  }

  async logout(): Promise<void> {
    const sock = this.sock;
    if (sock && (await this.hasCredentials())) {
      this.generation++;
      this.sock = null;
      await sock.logout().catch(() => sock.end(undefined));
    } else {
      await this.closeSocket();
    }
    await this.credsWrite;
    await (await this.authState()).wipe();
  }

  async requestPairingCode(phoneNumber: string): Promise<string> {
    if (!this.sock) throw new Error('not connected');
    return this.sock.requestPairingCode(phoneNumber);
  }

  async send(to: ChatId, content: OutgoingContent, waId: string): Promise<SendResult> {
    const sock = this.sock;
    if (!sock) throw new Error('not connected');
    const { message, options } = toOutgoingMessage(content);
    const sent = await sock.sendMessage(to, message, { ...options, messageId: waId });
    const ts = Number(sent?.messageTimestamp ?? 0);
    return { waId: sent?.key.id ?? waId, timestamp: ts > 0 ? new Date(ts * 1000) : new Date() };
  }

  async sendPresence(state: PresenceState, to?: ChatId): Promise<void> {
    const sock = this.sock;
    if (!sock) throw new Error('not connected');
    if (to && (state === 'composing' || state === 'recording' || state === 'paused')) await sock.presenceSubscribe(to).catch(() => undefined);
    await sock.sendPresenceUpdate(state, to);
  }

  // Actions on earlier messages (H5). Each is one stanza; WhatsApp's answer is the server ack.
  private connected(): WASocket {
    if (!this.sock) throw new NotConnectedError('The session is not connected');
    return this.sock;
  }

  async edit(target: MessageRef, text: string): Promise<void> {
    await this.connected().sendMessage(target.chat, { text, edit: toMessageKey(target) });
  }

  async revoke(target: MessageRef): Promise<void> {
    await this.connected().sendMessage(target.chat, { delete: toMessageKey(target) });
  }

  async react(target: MessageRef, emoji: string): Promise<void> {
    await this.connected().sendMessage(target.chat, { react: { text: emoji, key: toMessageKey(target) } });
  }

  async star(target: MessageRef, starred: boolean): Promise<void> {
    const sock = this.connected();
    // Starring is an app-state patch, encrypted with a key only the phone can share with us.
    if (!this.auth?.state.creds.myAppStateKeyId) {
      throw new ConflictError('APP_STATE_NOT_SYNCED', 'The phone has not shared its app-state keys with this linked device yet, so messages cannot be starred or unstarred', {
        retryable: true,
      });
    }
    await sock.star(target.chat, [{ id: target.waId, fromMe: target.fromMe }], starred);
  }

  async markRead(targets: MessageRef[]): Promise<void> {
    await this.connected().readMessages(targets.map(toMessageKey));
  }

  async rejectCall(callId: string, from: ChatId): Promise<void> {
    const sock = this.sock;
    if (!sock) throw new Error('not connected');
    await sock.rejectCall(callId, from);
  }

  async ping(timeoutMs: number): Promise<void> {
    const sock = this.sock;
    if (!sock) throw new Error('not connected');
    await sock.query({ tag: 'iq', attrs: { to: S_WHATSAPP_NET, type: 'get', xmlns: 'w:p' }, content: [{ tag: 'ping', attrs: {} }] }, timeoutMs);
  }

  newMessageId(): string {
    return generateMessageIDV2(this.auth?.state.creds.me?.id);
  }

  /** H6: connections to media hosts for inbound downloads (trusting extra CAs, e.g. the simulator's). */
  private mediaAgent: MediaAgent | null = null;

  async downloadMedia(message: InboundMessage): Promise<InboundMediaDownload | null> {
    const sock = this.sock;
    if (!sock) throw new Error('not connected');
    const extra = this.config.extraCaPem;
    const allowPrivateUrls = this.config.allowPrivateUrls ?? false;
    // The media URL comes from the sender: connect only to public addresses (checked after DNS).
    this.mediaAgent ??= new MediaAgent({
      connections: 4,
      connect: { ...(allowPrivateUrls ? {} : { lookup: guardedLookup }), ...(extra?.length ? { ca: [...systemRoots, ...extra] } : {}) },
    });
    return downloadInboundMedia(message.raw, { sock, dispatcher: this.mediaAgent, timeoutMs: 5 * 60_000, allowPrivateUrls });
  }
}

// The Engine port on Baileys: one WhatsApp socket at a time for one session.
import type { Agent } from 'node:https';
import makeWASocket, { Browsers, generateMessageIDV2, jidNormalizedUser, S_WHATSAPP_NET, type WASocket } from 'baileys';
import type {
  ChatId,
  Engine,
  EngineEvent,
  EngineIdentity,
  EngineOptions,
  HistoryRequest,
  MessageRef,
  OutgoingContent,
  PresenceState,
  SendResult,
} from '../../core/ports/engine.js';
import { loadAuthState, type StoredAuthState } from './auth-state.js';
import { downloadInboundMedia } from './media-download.js';
import type { InboundMediaDownload, InboundMessage } from '../../core/ports/engine.js';
import { toMessageKey, toOutgoingMessage } from './from-core.js';
import { ConflictError, ConnectionLostError } from '../../core/errors.js';
import type { BaileysEngineConfig } from './index.js';
import { baileysLogger, type BaileysLogger } from './logger.js';
import { closeReasonFromCode, networkErrorCode } from './to-core.js';
import { mapConnectionLoss } from './connection-errors.js';
import { wireSocketEvents } from './socket-events.js';
import { runGroupCommand } from './groups.js';
import { joinRequestsAnswered, personOf } from './directory-events.js';
import { runPeopleCommand } from './people.js';
import type { ChatCommand, PeopleCommand, PeopleCommandResult } from '../../core/ports/people-engine.js';
import { runChatCommand } from './chats.js';
import { runChannelCommand } from './channels.js';
import type { ChannelCommand, ChannelCommandResult } from '../../core/ports/channel-engine.js';
import type { GroupCommand, GroupCommandResult, ParticipantResult } from '../../core/ports/group-engine.js';
import { createSessionNetwork, proxyErrorCode, type SessionNetwork } from './session-network.js';
import { proxyAllowedAtConnect } from './proxy-check.js';

interface BoomLike {
  output?: { statusCode?: number };
  message?: string;
  /** The WebSocket's own error, when Baileys wraps one (its `code` is ENOTFOUND, ECONNREFUSED…). */
  data?: unknown;
}

/**
 * ws leaves a refused upgrade (a proxy's 407, a server's 5xx) to an 'unexpected-response' listener
 * when there is one, and Baileys has one that only forwards it: the attempt then hangs, silent. This
 * ends it with the status, as ws would have without a listener.
 */
function endOnRefusedUpgrade(sock: WASocket): void {
  sock.ws.on('unexpected-response', (_req: unknown, res: { statusCode?: number; resume?: () => void }) => {
    res.resume?.();
    const message = `Unexpected server response: ${res.statusCode ?? 'none'}`;
    void sock.end(Object.assign(new Error(message), { data: new Error(message) }));
  });
}

/** How long a clean WebSocket close may take before the socket is torn down. */
const CLOSE_GRACE_MS = 1_000;

/** Drops the TCP connection under Baileys' WebSocket wrapper (which emits `close` at once). */
function terminateSocket(sock: WASocket): void {
  const raw = (sock.ws as unknown as { socket?: { terminate?: () => void } | null }).socket;
  raw?.terminate?.();
}

/**
 * Hands Baileys' buffered events (receipts, messages) to our listeners before its socket ends.
 * Baileys acknowledges stanzas to WhatsApp as it processes them but may hold their events in its
 * buffer (while it waits for a history sync, or until a flush timer fires); ending the socket
 * destroys that buffer, and WhatsApp, having its acks, never sends them again.
 */
function releaseBufferedEvents(sock: WASocket): void {
  sock.ev.flush();
}

export class BaileysEngine implements Engine {
  private sock: WASocket | null = null;
  private auth: StoredAuthState | null = null;
  /** Incremented per socket so late events of a closed socket are ignored. */
  private generation = 0;
  private credsWrite: Promise<void> = Promise.resolve();
  private qrCount = 0;
  private readonly log: BaileysLogger;
  /** The current connection's network path (agents, download connections); replaced per connect. */
  private network: SessionNetwork | null = null;

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
    const network = await this.openNetwork(gen);
    if (!network) return;
    const sock = makeWASocket({
      auth: auth.state,
      logger: this.log,
      browser: Browsers.ubuntu('wagate'),
      markOnlineOnConnect: this.config.markOnlineOnConnect ?? false,
      syncFullHistory: false,
      ...(this.config.waWebSocketUrl ? { waWebSocketUrl: this.config.waWebSocketUrl } : {}),
      ...(this.config.qrTimeoutMs ? { qrTimeout: this.config.qrTimeoutMs } : {}),
      ...(this.config.keepAliveIntervalMs ? { keepAliveIntervalMs: this.config.keepAliveIntervalMs } : {}),
      ...(network.wsAgent ? { agent: network.wsAgent as Agent } : {}),
      ...(network.uploadAgent ? { fetchAgent: network.uploadAgent as Agent } : {}),
      options: { dispatcher: network.downloads } as unknown as RequestInit,
      connectTimeoutMs: this.config.connectTimeoutMs ?? 20_000,
      defaultQueryTimeoutMs: this.config.queryTimeoutMs ?? 60_000,
    });
    this.sock = sock;
    const live = () => gen === this.generation;
    endOnRefusedUpgrade(sock);

    wireSocketEvents(sock, {
      live,
      emit: (event) => this.emit(event),
      credsChanged: () => {
        this.credsWrite = this.credsWrite
          .then(() => auth.saveCreds())
          .catch((err: unknown) =>
            this.config.logger.error({ err, sessionId: this.options.sessionId }, 'saving creds failed'),
          );
      },
      qrTtlMs: () => {
        // Baileys shows the first ref for 60 s and later ones for 20 s unless qrTimeout is set.
        const ttl = this.config.qrTimeoutMs ?? (this.qrCount === 0 ? 60_000 : 20_000);
        this.qrCount++;
        return ttl;
      },
      opened: () => this.emit({ type: 'open', identity: this.identity(auth) }),
      closed: (error) => {
        releaseBufferedEvents(sock);
        this.onClose(gen, auth, error as BoomLike | undefined).catch((err: unknown) =>
          this.config.logger.error({ err, sessionId: this.options.sessionId }, 'handling a closed connection failed'),
        );
      },
    });
  }

  private async onClose(gen: number, auth: StoredAuthState, error: BoomLike | undefined): Promise<void> {
    if (gen !== this.generation) return;
    this.sock = null;
    const code = error?.output?.statusCode ?? null;
    // A network failure is network trouble (reconnect), not the 408 "QR timed out" Baileys reports it as.
    const networkError = (this.network?.proxied ? proxyErrorCode(error?.data) : null) ?? networkErrorCode(error?.data);
    const reason = networkError ? 'connection_lost' : closeReasonFromCode(code, auth.isRegistered());
    await this.credsWrite;
    if (reason === 'logged_out') await auth.wipe();
    // A new socket started while the creds were saved: this close is history, not news.
    if (gen !== this.generation) return;
    this.emit({ type: 'close', reason, code, message: error?.message ?? 'connection closed', networkError });
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
    releaseBufferedEvents(sock); // while its events still count as live
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
    // The connection's agents and media download connections (direct or through its proxy).
    await this.network?.close();
    this.network = null;
  }

  /**
   * The network path for a new connection: the session's proxy (asked for now, so a changed
   * proxy_url applies at this connect), or direct. A session's own proxy on a private address is
   * refused here too (it may resolve differently than when it was saved): the connection then
   * fails with PROXY_NOT_ALLOWED and the reconnect backoff applies.
   */
  private async openNetwork(gen: number): Promise<SessionNetwork | null> {
    await this.network?.close();
    this.network = null;
    const proxy = (await this.options.proxy?.()) ?? null;
    const allowPrivateUrls = this.config.allowPrivateUrls ?? false;
    if (proxy?.checkAddress && !allowPrivateUrls && !(await proxyAllowedAtConnect(proxy.url))) {
      if (gen === this.generation)
        queueMicrotask(() =>
          this.emit({
            type: 'close',
            reason: 'connection_lost',
            code: null,
            message: 'the proxy is on a private or local address (WAGATE_ALLOW_PRIVATE_URLS is off)',
            networkError: 'PROXY_NOT_ALLOWED',
          }),
        );
      return null;
    }
    this.network = createSessionNetwork({
      proxyUrl: proxy?.url ?? null,
      extraCaPem: this.config.extraCaPem,
      allowPrivateUrls,
    });
    return this.network;
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
    const sock = this.connected();
    return mapConnectionLoss(() => sock.requestPairingCode(phoneNumber));
  }

  /** The current socket; ConnectionLostError when there is none (closed, or being rebuilt). */
  private connected(): WASocket {
    if (!this.sock) throw new ConnectionLostError('The session is not connected to WhatsApp');
    return this.sock;
  }

  /** Runs one operation on the current socket; connection-level failures become ConnectionLostError. */
  private onSocket<T>(operation: (sock: WASocket) => Promise<T>): Promise<T> {
    return mapConnectionLoss(() => operation(this.connected()));
  }

  async send(to: ChatId, content: OutgoingContent, waId: string): Promise<SendResult> {
    const { message, options } = toOutgoingMessage(content);
    const sent = await this.onSocket((sock) => sock.sendMessage(to, message, { ...options, messageId: waId }));
    const ts = Number(sent?.messageTimestamp ?? 0);
    return { waId: sent?.key.id ?? waId, timestamp: ts > 0 ? new Date(ts * 1000) : new Date() };
  }

  async sendPresence(state: PresenceState, to?: ChatId): Promise<void> {
    await this.onSocket(async (sock) => {
      if (to && (state === 'composing' || state === 'recording' || state === 'paused'))
        await sock.presenceSubscribe(to).catch(() => undefined);
      await sock.sendPresenceUpdate(state, to);
    });
  }

  // Actions on earlier messages (H5). Each is one stanza; WhatsApp's answer is the server ack.
  async edit(target: MessageRef, text: string): Promise<void> {
    await this.onSocket((sock) => sock.sendMessage(target.chat, { text, edit: toMessageKey(target) }));
  }

  async revoke(target: MessageRef): Promise<void> {
    await this.onSocket((sock) => sock.sendMessage(target.chat, { delete: toMessageKey(target) }));
  }

  async react(target: MessageRef, emoji: string): Promise<void> {
    await this.onSocket((sock) => sock.sendMessage(target.chat, { react: { text: emoji, key: toMessageKey(target) } }));
  }

  /** App-state changes are patches encrypted with a key only the phone can share with us. */
  private assertAppStateKeys(what: string): void {
    if (this.sock && !this.auth?.state.creds.myAppStateKeyId) {
      throw new ConflictError(
        'APP_STATE_NOT_SYNCED',
        `The phone has not shared its app-state keys with this linked device yet, so ${what}`,
        { retryable: true },
      );
    }
  }

  async star(target: MessageRef, starred: boolean): Promise<void> {
    this.assertAppStateKeys('messages cannot be starred or unstarred');
    await this.onSocket((sock) => sock.star(target.chat, [{ id: target.waId, fromMe: target.fromMe }], starred));
  }

  async group<C extends GroupCommand>(command: C): Promise<GroupCommandResult<C>> {
    const result = await this.onSocket((sock) => runGroupCommand(sock, command));
    if (command.action === 'answerJoinRequests') {
      // WhatsApp tells the other admins' devices, not the one that answered: announce our own answers.
      const me = this.auth?.state.creds.me;
      const change = joinRequestsAnswered(
        command.group,
        command.approve,
        result as ParticipantResult[],
        me?.id ? personOf(me.id, { lid: me.lid ?? undefined }) : null,
      );
      if (change) this.emit({ type: 'directory', change });
    }
    return result;
  }

  people<C extends PeopleCommand>(command: C): Promise<PeopleCommandResult<C>> {
    return this.onSocket((sock) => runPeopleCommand(sock, command));
  }

  channel<C extends ChannelCommand>(command: C): Promise<ChannelCommandResult<C>> {
    return this.onSocket((sock) => runChannelCommand(sock, command));
  }

  async chat(command: ChatCommand): Promise<void> {
    this.assertAppStateKeys('chats cannot be archived, pinned, muted or marked');
    await this.onSocket((sock) => runChatCommand(sock, command));
  }

  /**
   * On-demand history sync: a peer message to our phone naming the oldest message we hold. With
   * none, the anchor is now and no id, and the phone answers with the chat's newest messages.
   */
  fetchHistory(request: HistoryRequest): Promise<string> {
    const key = request.oldest ? toMessageKey(request.oldest.ref) : { remoteJid: request.chat, fromMe: false, id: '' };
    return this.onSocket((sock) =>
      sock.fetchMessageHistory(request.count, key, request.oldest?.timestampMs ?? Date.now()),
    );
  }

  async markRead(targets: MessageRef[]): Promise<void> {
    await this.onSocket((sock) => sock.readMessages(targets.map(toMessageKey)));
  }

  async rejectCall(callId: string, from: ChatId): Promise<void> {
    await this.onSocket((sock) => sock.rejectCall(callId, from));
  }

  async ping(timeoutMs: number): Promise<void> {
    await this.onSocket((sock) =>
      sock.query(
        { tag: 'iq', attrs: { to: S_WHATSAPP_NET, type: 'get', xmlns: 'w:p' }, content: [{ tag: 'ping', attrs: {} }] },
        timeoutMs,
      ),
    );
  }

  newMessageId(): string {
    return generateMessageIDV2(this.auth?.state.creds.me?.id);
  }

  async downloadMedia(message: InboundMessage): Promise<InboundMediaDownload | null> {
    const sock = this.connected();
    const network = this.network;
    if (!network) throw new ConnectionLostError('The connection to WhatsApp is not open');
    const allowPrivateUrls = this.config.allowPrivateUrls ?? false;
    // The media URL comes from the sender: direct downloads connect only to public addresses
    // (checked after DNS); through a proxy the URL's host is checked before (media-download.ts).
    return downloadInboundMedia(message.raw, {
      sock,
      dispatcher: network.downloads,
      timeoutMs: 5 * 60_000,
      allowPrivateUrls,
    });
  }
}

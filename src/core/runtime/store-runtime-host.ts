// The RuntimeHost on the store: what a session runtime's events do to our data. Each change is one
// transaction (state + its session log / message event), so a crash never leaves half a change.
import { newId } from '../../lib/ids.js';
import { passesSessionSettings } from '../events/event-filter.js';
import type { NewEvent } from '../events/event.types.js';
import type { Outbox } from '../events/outbox.js';
import {
  messageFailedEvent,
  messageReceivedEvent,
  messageSentEvent,
  messageStatusEvent,
  callIncomingEvent,
  personFrom,
  sessionHealthEvent,
  sessionQrEvent,
} from '../events/producers.js';
import { defaultSendLimits, sendPolicy, type SendLimitsConfig, type SendPolicy } from '../limits/send-limits.js';
import { advancesStatus, type Message, type MessageStatus } from '../messages/message.types.js';
import type { Clock } from '../ports/clock.js';
import type { DeliveryStatus, EngineIdentity, InboundMessage, IncomingCall } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { Store, StoreRepositories } from '../ports/store.js';
import { canTransition, type SessionStatus } from '../sessions/session-status.js';
import type { SessionLogEvent, SessionSettings } from '../sessions/session.types.js';
import { writeStatusChange } from '../sessions/status-change.js';
import type { InboundOutcome, OutgoingWork, RuntimeHost, RuntimeSessionRef } from './runtime.types.js';
import type { MediaResolver } from '../media/media.types.js';
import { applyInboundAction } from './inbound-actions.js';
import { OutgoingResolver, UnsendableError } from './outgoing-resolver.js';

export interface StoreRuntimeHostDeps {
  store: Store;
  clock: Clock;
  logger: Logger;
  /** Counter name shared with the message service for message `seq`. */
  messageSeqCounter: string;
  /** Events are appended in the same transaction as the change that caused them. */
  outbox?: Pick<Outbox, 'append'>;
  /**
   * H6: called after a new inbound (or own-device) message committed, when the session's
   * download_media setting is on; inbound media starts here.
   */
  onInboundStored?: (ref: RuntimeSessionRef, stored: { id: string; waId: string; chat: string }, message: InboundMessage) => void;
  /** Where queued media is read from at send time (H6's media service); without it media sends fail. */
  media?: Pick<MediaResolver, 'openForEngine'>;
  sendLimits?: SendLimitsConfig;
}

export class StoreRuntimeHost implements RuntimeHost {
  constructor(private readonly deps: StoreRuntimeHostDeps) {}

  private now(): string {
    return this.deps.clock.now().toISOString();
  }

  private tx<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T> {
    return this.deps.store.transaction(fn);
  }

  async alwaysOnline(ref: RuntimeSessionRef): Promise<boolean> {
    const session = await this.deps.store.sessions.findByRef(ref.accountId, ref.sessionId);
    return Boolean(session?.settings.always_online);
  }

  async sendPolicy(ref: RuntimeSessionRef): Promise<SendPolicy> {
    const session = await this.deps.store.sessions.findByRef(ref.accountId, ref.sessionId);
    const settings = session?.settings ?? { account_protection: true, typing: false };
    return sendPolicy(this.deps.sendLimits ?? defaultSendLimits, settings);
  }

  async setStatus(ref: RuntimeSessionRef, status: SessionStatus, detail: Record<string, unknown>): Promise<void> {
    await this.tx(async (tx) => {
      const session = await tx.sessions.findByRef(ref.accountId, ref.sessionId);
      // A session being deleted is never brought back by a late engine event.
      if (!session || session.status === status || session.status === 'pending_deletion') return;
      if (!canTransition(session.status, status)) {
        this.deps.logger.warn({ sessionId: ref.sessionId, from: session.status, to: status }, 'engine-driven transition outside the state machine');
      }
      await writeStatusChange(tx, { session, to: status, event: 'status_changed', detail, now: this.now(), outbox: this.deps.outbox });
    });
  }

  async qrUpdated(ref: RuntimeSessionRef, qr: string, expiresAt: Date): Promise<void> {
    // The session log records only that the QR changed; the event carries it for webhook receivers
    // (qrcode.updated), as every seed product does.
    await this.tx(async (tx) => {
      await this.logIn(tx, ref, 'qr_updated', { expires_at: expiresAt.toISOString() });
      await this.deps.outbox?.append(tx, sessionQrEvent(this.eref(ref), qr, expiresAt));
    });
  }

  async setIdentity(ref: RuntimeSessionRef, identity: EngineIdentity): Promise<void> {
    await this.tx(async (tx) => {
      await tx.sessions.update(ref.accountId, ref.sessionId, {
        phoneNumber: identity.phoneNumber ? `+${identity.phoneNumber}` : null,
        identity: { waJid: identity.jid, waLid: identity.lid, pushName: identity.pushName },
        updatedAt: this.now(),
      });
    });
  }

  async log(ref: RuntimeSessionRef, event: string, detail: Record<string, unknown>): Promise<void> {
    await this.tx(async (tx) => {
      await this.logIn(tx, ref, event, detail);
      if (event === 'health_check_failed') {
        await this.deps.outbox?.append(tx, sessionHealthEvent(this.eref(ref), false, event, detail));
      }
    });
  }

  async claimNextOutgoing(ref: RuntimeSessionRef, newWaId: () => string): Promise<OutgoingWork | null> {
    // H5: media files and quoted messages are looked up just before sending (outgoing-resolver.ts);
    // a message whose media or quote cannot be resolved fails with the reason, and the next one is taken.
    for (;;) {
      const work = await this.claimQueued(ref, newWaId);
      if (!work) return null;
      try {
        return { ...work, content: await this.resolver.resolve(work.content) };
      } catch (err) {
        if (!(err instanceof UnsendableError)) throw err;
        await this.markFailed(work.messageId, err.message);
      }
    }
  }

  private resolverInstance: OutgoingResolver | undefined;
  private get resolver(): OutgoingResolver {
    return (this.resolverInstance ??= new OutgoingResolver({ messages: this.deps.store.messages, media: this.deps.media }));
  }

  private async claimQueued(ref: RuntimeSessionRef, newWaId: () => string): Promise<OutgoingWork | null> {
    return this.tx(async (tx) => {
      const next = await tx.messages.oldestWithStatus(ref.sessionId, 'queued');
      if (!next || !next.content) return null;
      const waId = next.waId ?? newWaId();
      const claimed = await tx.messages.updateIf(next.id, 'queued', { status: 'sending', waId, updatedAt: this.now() });
      if (!claimed) return null;
      await this.event(tx, next.id, 'sending', { wa_id: waId });
      return { messageId: next.id, to: next.chatId, content: next.content, waId };
    });
  }

  async markSent(messageId: string, at: Date): Promise<void> {
    await this.tx(async (tx) => {
      if (await tx.messages.updateIf(messageId, 'sending', { status: 'sent', waTimestamp: at.toISOString(), updatedAt: this.now() })) {
        await this.event(tx, messageId, 'sent', null);
        const m = await tx.messages.findByIdInternal(messageId);
        if (m && this.deps.outbox) {
          const ref = { accountId: m.accountId, sessionId: m.sessionId };
          await this.deps.outbox.append(tx, messageSentEvent(this.eref(ref), this.eventInput(m)));
          await this.deps.outbox.append(tx, messageStatusEvent(this.eref(ref), { messageId: m.id, waId: m.waId ?? '', chat: m.chatId, status: 'sent', at }));
        }
      }
    });
  }

  async markFailed(messageId: string, reason: string): Promise<void> {
    await this.tx(async (tx) => {
      if (await tx.messages.updateIf(messageId, 'sending', { status: 'failed', error: reason, updatedAt: this.now() })) {
        await this.event(tx, messageId, 'failed', { reason });
        const m = await tx.messages.findByIdInternal(messageId);
        if (m && this.deps.outbox) {
          const ref = { accountId: m.accountId, sessionId: m.sessionId };
          await this.deps.outbox.append(tx, messageFailedEvent(this.eref(ref), m.id, m.chatId, 'SEND_FAILED', reason));
          await this.deps.outbox.append(tx, messageStatusEvent(this.eref(ref), { messageId: m.id, waId: m.waId ?? '', chat: m.chatId, status: 'failed', at: new Date() }));
        }
      }
    });
  }

  async requeue(messageId: string): Promise<void> {
    await this.tx(async (tx) => {
      if (await tx.messages.updateIf(messageId, 'sending', { status: 'queued', updatedAt: this.now() })) {
        await this.event(tx, messageId, 'queued', { reason: 'connection lost while sending; will retry with the same WhatsApp id' });
      }
    });
  }

  async recoverInFlight(ref: RuntimeSessionRef): Promise<number> {
    return this.tx((tx) => tx.messages.moveStatus(ref.sessionId, 'sending', 'queued', this.now()));
  }

  async recordInbound(ref: RuntimeSessionRef, m: InboundMessage, live: boolean): Promise<InboundOutcome> {
    const action = m.action;
    if (action) {
      // H5: an edit, revoke or reaction changes an earlier message (inbound-actions.ts).
      await this.tx((tx) => applyInboundAction({ tx, ref, now: this.now(), outbox: this.deps.outbox }, m, action, live));
      return { markRead: false };
    }
    const stored = await this.tx(async (tx): Promise<{ message: Message; settings: SessionSettings | null } | null> => {
      if (m.fromMe && (await tx.messages.findByWaId(ref.sessionId, m.waId))) return null; // our own send echoed back
      const settings = await this.settingsOf(tx, ref);
      const now = this.now();
      const message: Message = {
        id: newId('msg'),
        seq: await tx.counters.next(this.deps.messageSeqCounter),
        accountId: ref.accountId,
        sessionId: ref.sessionId,
        direction: m.fromMe ? 'out' : 'in',
        chatId: m.chat,
        waId: m.waId,
        sender: m.fromMe ? null : { jid: m.senderJid, lid: m.senderLid, name: m.senderName },
        kind: m.kind,
        text: m.text,
        content: null,
        raw: m.raw,
        status: m.fromMe ? 'sent' : 'received',
        error: null,
        idempotencyKey: null,
        waTimestamp: m.timestamp.toISOString(),
        createdAt: now,
        updatedAt: now,
      };
      // log_messages off: the message log keeps who/when/what kind, not the body (the event still
      // carries it to the customer's webhook).
      const row = settings && !settings.log_messages ? { ...message, text: null, raw: null } : message;
      if (!(await tx.messages.insert(row))) return null; // a duplicate delivery of the same WhatsApp message
      await this.event(tx, message.id, message.status, null);
      const build = m.fromMe ? messageSentEvent : messageReceivedEvent;
      await this.append(tx, build(this.eref(ref), this.eventInput(message)), settings);
      return { message, settings };
    });
    // H6: media is fetched after the message is stored, beside the message flow (never delays it),
    // when the session's download_media setting (read in the same transaction) is on.
    if (stored?.settings && stored.settings.download_media !== false) {
      this.deps.onInboundStored?.(ref, { id: stored.message.id, waId: m.waId, chat: stored.message.chatId }, m);
    }
    return { markRead: Boolean(stored && live && !m.fromMe && stored.settings?.read_incoming) };
  }

  async recordCall(ref: RuntimeSessionRef, call: IncomingCall): Promise<{ reject: boolean }> {
    return this.tx(async (tx) => {
      const settings = await this.settingsOf(tx, ref);
      const reject = Boolean(settings?.auto_reject_calls) && call.status === 'offer';
      const from = personFrom(call.callerJid ?? call.from, call.from.endsWith('@lid') ? call.from : null) ?? { jid: call.from, phone: null, lid: null };
      await this.append(tx, callIncomingEvent(this.eref(ref), { callId: call.callId, from, isVideo: call.isVideo, isGroup: call.isGroup, status: call.status, rejected: reject }), settings);
      return { reject };
    });
  }

  /** The session's settings (null when the session is gone). */
  private async settingsOf(tx: StoreRepositories, ref: RuntimeSessionRef): Promise<SessionSettings | null> {
    return (await tx.sessions.findByRef(ref.accountId, ref.sessionId))?.settings ?? null;
  }

  /** Appends an event unless the session's ignore_groups / ignore_broadcasts / ignore_channels filter it out. */
  private async append(tx: StoreRepositories, event: NewEvent, settings: SessionSettings | null): Promise<void> {
    if (!this.deps.outbox || !passesSessionSettings(event, settings)) return;
    await this.deps.outbox.append(tx, event);
  }

  async applyStatus(ref: RuntimeSessionRef, waId: string, status: DeliveryStatus, at: Date, error?: string): Promise<void> {
    await this.tx(async (tx) => {
      const message = await tx.messages.findByWaId(ref.sessionId, waId);
      if (!message || message.direction !== 'out') return;
      const next: MessageStatus = status;
      if (!advancesStatus(message.status, next)) return;
      await tx.messages.update(message.id, { status: next, ...(error ? { error } : {}), updatedAt: this.now() });
      await this.event(tx, message.id, next, { at: at.toISOString(), ...(error ? { error } : {}) });
      const settings = await this.settingsOf(tx, ref);
      await this.append(tx, messageStatusEvent(this.eref(ref), { messageId: message.id, waId, chat: message.chatId, status, at }), settings);
      if (next === 'failed') {
        // Refused by WhatsApp after it left us (an error ack): the same `messages.failed` as a send
        // that failed here, so customers handle one event for both.
        await this.append(tx, messageFailedEvent(this.eref(ref), message.id, message.chatId, 'WHATSAPP_REJECTED', error ?? 'WhatsApp refused the message'), settings);
      }
    });
  }

  private eref(ref: RuntimeSessionRef): { id: string; accountId: string } {
    return { id: ref.sessionId, accountId: ref.accountId };
  }

  private eventInput(m: Message) {
    return {
      messageId: m.id,
      waId: m.waId ?? '',
      chat: m.chatId,
      fromMe: m.direction === 'out',
      sender: m.sender ? personFrom(m.sender.jid, m.sender.lid, m.sender.name) : null,
      kind: m.kind,
      text: m.text,
      timestamp: m.waTimestamp ? new Date(m.waTimestamp) : new Date(m.createdAt),
      ...(m.raw !== null && m.raw !== undefined ? { raw: m.raw } : {}),
    };
  }

  private async event(tx: StoreRepositories, messageId: string, status: MessageStatus, detail: Record<string, unknown> | null): Promise<void> {
    await tx.messageEvents.insert({ id: newId('mev'), messageId, status, detail, at: this.now() });
  }

  private async logIn(tx: StoreRepositories, ref: RuntimeSessionRef, event: string, detail: Record<string, unknown>): Promise<void> {
    await tx.sessionLogs.insert({
      id: newId('slog'),
      accountId: ref.accountId,
      sessionId: ref.sessionId,
      event: event as SessionLogEvent,
      detail,
      createdAt: this.now(),
    });
  }
}

// Messages that reach the session: from contacts, or from our own phone (fromMe). A new one is stored
// with its messages.received / messages.sent event; an edit, revoke or reaction changes an earlier
// message instead (inbound-actions.ts). A repeated delivery of the same WhatsApp id is ignored.
import { newId } from '../../../lib/ids.js';
import { messageReceivedEvent, messageSentEvent } from '../../events/producers.js';
import type { Message } from '../../messages/message.types.js';
import type { InboundMessage } from '../../ports/engine.js';
import type { SessionSettings } from '../../sessions/session.types.js';
import { applyInboundAction } from '../inbound-actions.js';
import type { InboundHost, InboundOutcome, RuntimeSessionRef } from '../runtime.types.js';
import { eventSession, messageEventInput, type RecorderContext } from './recorder-context.js';

export interface InboundRecorderOptions {
  /** Counter name shared with the message service for message `seq`. */
  messageSeqCounter: string;
  /**
   * H6: called after a new inbound (or own-device) message committed, when the session's
   * download_media setting is on; inbound media starts here.
   */
  onInboundStored?:
    | ((ref: RuntimeSessionRef, stored: { id: string; waId: string; chat: string }, message: InboundMessage) => void)
    | undefined;
}

export class InboundRecorder implements Pick<InboundHost, 'recordInbound'> {
  constructor(
    private readonly ctx: RecorderContext,
    private readonly options: InboundRecorderOptions,
  ) {}

  async recordInbound(ref: RuntimeSessionRef, m: InboundMessage, live: boolean): Promise<InboundOutcome> {
    const action = m.action;
    if (action) {
      // H5: an edit, revoke or reaction changes an earlier message (inbound-actions.ts).
      await this.ctx.tx((tx) =>
        applyInboundAction({ tx, ref, now: this.ctx.now(), outbox: this.ctx.deps.outbox }, m, action, live),
      );
      return { markRead: false };
    }
    const stored = await this.ctx.tx(
      async (tx): Promise<{ message: Message; settings: SessionSettings | null } | null> => {
        if (m.fromMe && (await tx.messages.findByWaId(ref.sessionId, m.waId))) return null; // our own send echoed back
        const settings = await this.ctx.settingsOf(tx, ref);
        const message = await inboundRow(tx.counters, this.options.messageSeqCounter, ref, m, this.ctx.now());
        // log_messages off: the message log keeps who/when/what kind, not the body (the event still
        // carries it to the customer's webhook).
        const row = settings && !settings.log_messages ? { ...message, text: null, raw: null } : message;
        if (!(await tx.messages.insert(row))) return null; // a duplicate delivery of the same WhatsApp message
        await this.ctx.messageEvent(tx, message.id, message.status, null);
        const build = m.fromMe ? messageSentEvent : messageReceivedEvent;
        await this.ctx.appendFiltered(tx, build(eventSession(ref), messageEventInput(message)), settings);
        return { message, settings };
      },
    );
    // H6: media is fetched after the message is stored, beside the message flow (never delays it),
    // when the session's download_media setting (read in the same transaction) is on.
    if (stored?.settings && stored.settings.download_media !== false) {
      this.options.onInboundStored?.(ref, { id: stored.message.id, waId: m.waId, chat: stored.message.chatId }, m);
    }
    return { markRead: Boolean(stored && live && !m.fromMe && stored.settings?.read_incoming) };
  }
}

/** The stored form of a message the engine received (or our phone sent), status received / sent. */
export async function inboundRow(
  counters: { next(name: string): Promise<number> },
  seqCounter: string,
  ref: RuntimeSessionRef,
  m: InboundMessage,
  now: string,
): Promise<Message> {
  return {
    id: newId('msg'),
    seq: await counters.next(seqCounter),
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
}

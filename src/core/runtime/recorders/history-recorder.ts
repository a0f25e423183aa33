// Older messages the phone sent for an on-demand history request: stored like inbound messages
// (a WhatsApp id already held is skipped), without a messages.received / messages.sent each (they
// are not news), and announced together by one messages.history event per batch the phone sent.
// Edits, revokes and reactions in a batch are left out: they change messages, they are not ones.
import { messagesHistoryEvent } from '../../events/producers.js';
import type { Message } from '../../messages/message.types.js';
import type { InboundMessage } from '../../ports/engine.js';
import type { RuntimeSessionRef } from '../runtime.types.js';
import { inboundRow } from './inbound-recorder.js';
import { eventSession, messageEventInput, type RecorderContext } from './recorder-context.js';

export class HistoryRecorder {
  constructor(
    private readonly ctx: RecorderContext,
    private readonly options: { messageSeqCounter: string },
  ) {}

  async recordHistory(ref: RuntimeSessionRef, requestId: string | null, messages: InboundMessage[]): Promise<void> {
    // Oldest first, so `seq` follows the chat's order. WhatsApp lists a conversation newest first;
    // reversed before the (stable) sort, messages of the same second keep their order.
    const batch = messages
      .filter((m) => !m.action)
      .reverse()
      .sort((a, b) => a.timestamp.getTime() - b.timestamp.getTime());
    await this.ctx.tx(async (tx) => {
      const settings = await this.ctx.settingsOf(tx, ref);
      const stored: Message[] = [];
      for (const m of batch) {
        const message = await inboundRow(tx.counters, this.options.messageSeqCounter, ref, m, this.ctx.now());
        const row = settings && !settings.log_messages ? { ...message, text: null, raw: null } : message;
        if (!(await tx.messages.insert(row))) continue; // already held (seen live, or an earlier batch)
        await this.ctx.messageEvent(tx, message.id, message.status, { source: 'history' });
        stored.push(message);
      }
      const event = messagesHistoryEvent(eventSession(ref), {
        requestId,
        chat: batch[0]?.chat ?? null,
        messages: stored.map(messageEventInput),
        alreadyStored: batch.length - stored.length,
      });
      await this.ctx.appendFiltered(tx, event, settings);
    });
  }
}

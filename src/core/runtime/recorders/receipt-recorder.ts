// Receipts for our messages (server ack, delivered, read, played, or an error ack): each moves the
// message's status forward only, so receipts that arrive late, twice or out of order change nothing.
import { messageFailedEvent, messageSentEvent, messageStatusEvent } from '../../events/producers.js';
import { advancesStatus, type MessageStatus } from '../../messages/message.types.js';
import type { DeliveryStatus } from '../../ports/engine.js';
import type { ReceiptHost, RuntimeSessionRef } from '../runtime.types.js';
import { eventSession, messageEventInput, type RecorderContext } from './recorder-context.js';

export class ReceiptRecorder implements ReceiptHost {
  constructor(private readonly ctx: RecorderContext) {}

  async applyStatus(
    ref: RuntimeSessionRef,
    waId: string,
    status: DeliveryStatus,
    at: Date,
    error?: string,
  ): Promise<void> {
    await this.ctx.batchedTx(async (tx) => {
      const message = await tx.messages.findByWaId(ref.sessionId, waId);
      if (!message || message.direction !== 'out') return;
      const next: MessageStatus = status;
      if (!advancesStatus(message.status, next)) return;
      const settings = await this.ctx.settingsOf(tx, ref);
      // The contact's receipt can arrive before WhatsApp's server ack: the message reached WhatsApp
      // then too, so it is `sent` first (with its messages.sent event, which customers wait for),
      // and the late server ack changes nothing.
      const skipsSent = message.status === 'sending' && next !== 'failed';
      await tx.messages.update(message.id, {
        status: next,
        ...(skipsSent ? { waTimestamp: at.toISOString() } : {}),
        ...(error ? { error } : {}),
        updatedAt: this.ctx.now(),
      });
      if (skipsSent) {
        await this.ctx.messageEvent(tx, message.id, 'sent', { at: at.toISOString(), by: next });
        const sent = { ...message, status: 'sent' as const, waTimestamp: at.toISOString() };
        await this.ctx.append(tx, messageSentEvent(eventSession(ref), messageEventInput(sent)));
        await this.ctx.append(
          tx,
          messageStatusEvent(eventSession(ref), {
            messageId: message.id,
            waId,
            chat: message.chatId,
            status: 'sent',
            at,
          }),
        );
      }
      await this.ctx.messageEvent(tx, message.id, next, { at: at.toISOString(), ...(error ? { error } : {}) });
      await this.ctx.appendFiltered(
        tx,
        messageStatusEvent(eventSession(ref), { messageId: message.id, waId, chat: message.chatId, status, at }),
        settings,
      );
      if (next === 'failed') {
        // Refused by WhatsApp after it left us (an error ack): the same `messages.failed` as a send
        // that failed here, so customers handle one event for both.
        await this.ctx.appendFiltered(
          tx,
          messageFailedEvent(
            eventSession(ref),
            message.id,
            message.chatId,
            rejectionCode(error),
            error ?? 'WhatsApp refused the message',
          ),
          settings,
        );
      }
    });
  }
}

/**
 * The `messages.failed` code of a refusal by WhatsApp: the engine starts the error with our code
 * when it can name the reason (`RECIPIENT_NOT_ON_WHATSAPP: …`, docs/errors.md), else the generic one.
 */
function rejectionCode(error: string | undefined): string {
  return /^([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+): /.exec(error ?? '')?.[1] ?? 'WHATSAPP_REJECTED';
}

// Our queued messages on their way out: claiming the next one (with its WhatsApp id fixed before the
// first attempt), then sent, failed or back in the queue; and crash recovery of those in flight.
import { messageFailedEvent, messageSentEvent, messageStatusEvent } from '../../events/producers.js';
import { defaultSendLimits, sendPolicy, type SendLimitsConfig, type SendPolicy } from '../../limits/send-limits.js';
import type { MediaResolver } from '../../media/media.types.js';
import type { OutboundHost, OutgoingWork, RuntimeSessionRef } from '../runtime.types.js';
import { OutgoingResolver, UnsendableError } from '../outgoing-resolver.js';
import { eventSession, messageEventInput, type RecorderContext } from './recorder-context.js';

export interface OutboundRecorderOptions {
  /** Where queued media is read from at send time (H6's media service); without it media sends fail. */
  media?: Pick<MediaResolver, 'openForEngine'> | undefined;
  sendLimits?: SendLimitsConfig | undefined;
}

export class OutboundRecorder implements OutboundHost {
  private readonly resolver: OutgoingResolver;

  constructor(
    private readonly ctx: RecorderContext,
    private readonly options: OutboundRecorderOptions = {},
  ) {
    this.resolver = new OutgoingResolver({ messages: ctx.store.messages, media: options.media });
  }

  async sendPolicy(ref: RuntimeSessionRef): Promise<SendPolicy> {
    const session = await this.ctx.store.sessions.findByRef(ref.accountId, ref.sessionId);
    const settings = session?.settings ?? { account_protection: true, typing: false };
    return sendPolicy(this.options.sendLimits ?? defaultSendLimits, settings);
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

  private async claimQueued(ref: RuntimeSessionRef, newWaId: () => string): Promise<OutgoingWork | null> {
    return this.ctx.tx(async (tx) => {
      // Cluster: only the session's current holder claims (a node that lost its lease sends nothing).
      if (!(await this.ctx.holds(tx, ref.sessionId))) return null;
      const next = await tx.messages.oldestWithStatus(ref.sessionId, 'queued');
      if (!next || !next.content) return null;
      const waId = next.waId ?? newWaId();
      const claimed = await tx.messages.updateIf(next.id, 'queued', {
        status: 'sending',
        waId,
        updatedAt: this.ctx.now(),
      });
      if (!claimed) return null;
      await this.ctx.messageEvent(tx, next.id, 'sending', { wa_id: waId });
      return { messageId: next.id, to: next.chatId, content: next.content, waId };
    });
  }

  async markSent(messageId: string, at: Date): Promise<void> {
    await this.ctx.batchedTx(async (tx) => {
      if (
        !(await tx.messages.updateIf(messageId, 'sending', {
          status: 'sent',
          waTimestamp: at.toISOString(),
          updatedAt: this.ctx.now(),
        }))
      )
        return;
      await this.ctx.messageEvent(tx, messageId, 'sent', null);
      const m = await tx.messages.findByIdInternal(messageId);
      if (!m) return;
      const session = eventSession({ accountId: m.accountId, sessionId: m.sessionId });
      await this.ctx.append(tx, messageSentEvent(session, messageEventInput(m)));
      await this.ctx.append(
        tx,
        messageStatusEvent(session, { messageId: m.id, waId: m.waId ?? '', chat: m.chatId, status: 'sent', at }),
      );
    });
  }

  async markFailed(messageId: string, reason: string): Promise<void> {
    await this.ctx.tx(async (tx) => {
      if (!(await this.ctx.holdsMessage(tx, messageId))) return;
      if (
        !(await tx.messages.updateIf(messageId, 'sending', {
          status: 'failed',
          error: reason,
          updatedAt: this.ctx.now(),
        }))
      )
        return;
      await this.ctx.messageEvent(tx, messageId, 'failed', { reason });
      const m = await tx.messages.findByIdInternal(messageId);
      if (!m) return;
      const session = eventSession({ accountId: m.accountId, sessionId: m.sessionId });
      await this.ctx.append(tx, messageFailedEvent(session, m.id, m.chatId, 'SEND_FAILED', reason));
      await this.ctx.append(
        tx,
        messageStatusEvent(session, {
          messageId: m.id,
          waId: m.waId ?? '',
          chat: m.chatId,
          status: 'failed',
          at: this.ctx.nowDate(),
        }),
      );
    });
  }

  async requeue(messageId: string): Promise<void> {
    await this.ctx.tx(async (tx) => {
      // Cluster: a lost holder leaves its rows `sending`; the new holder's recoverInFlight takes them.
      if (!(await this.ctx.holdsMessage(tx, messageId))) return;
      if (await tx.messages.updateIf(messageId, 'sending', { status: 'queued', updatedAt: this.ctx.now() })) {
        await this.ctx.messageEvent(tx, messageId, 'queued', {
          reason: 'connection lost while sending; will retry with the same WhatsApp id',
        });
      }
    });
  }

  async recoverInFlight(ref: RuntimeSessionRef): Promise<number> {
    return this.ctx.tx(async (tx) =>
      (await this.ctx.holds(tx, ref.sessionId))
        ? tx.messages.moveStatus(ref.sessionId, 'sending', 'queued', this.ctx.now())
        : 0,
    );
  }
}

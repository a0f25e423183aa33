// The RuntimeHost on the store: what a session runtime's events do to our data, one recorder per
// concern (recorders/: status, outbound, inbound, receipts, calls). This class only wires them
// together behind the one interface the runtime sees. Groups, contacts and chats will each add a
// recorder of their own (and a host interface in runtime.types.ts) beside these.
import { ChatRecorder } from './recorders/chat-recorder.js';
import type { ChatId } from '../chats/chat-id.js';
import type { ChatStatePatch } from '../chats/chat.types.js';
import type { DirectoryChange } from '../ports/directory-events.js';
import type { InboundMessage, DeliveryStatus, EngineIdentity, EngineProxy, IncomingCall } from '../ports/engine.js';
import type { SendLimitsConfig, SendPolicy } from '../limits/send-limits.js';
import type { MediaResolver } from '../media/media.types.js';
import type { SessionStatus } from '../sessions/session-status.js';
import type { ConnectionFailure } from '../sessions/connection-error.js';
import type { InboundOutcome, OutgoingWork, RuntimeHost, RuntimeSessionRef } from './runtime.types.js';
import { CallRecorder } from './recorders/call-recorder.js';
import { InboundRecorder, type InboundRecorderOptions } from './recorders/inbound-recorder.js';
import { HistoryRecorder } from './recorders/history-recorder.js';
import { OutboundRecorder } from './recorders/outbound-recorder.js';
import { ReceiptRecorder } from './recorders/receipt-recorder.js';
import { RecorderContext, type RecorderDeps } from './recorders/recorder-context.js';
import { StatusRecorder } from './recorders/status-recorder.js';

export interface StoreRuntimeHostDeps extends RecorderDeps, InboundRecorderOptions {
  /** Where queued media is read from at send time (H6's media service); without it media sends fail. */
  media?: Pick<MediaResolver, 'openForEngine'>;
  sendLimits?: SendLimitsConfig;
}

export class StoreRuntimeHost implements RuntimeHost {
  readonly status: StatusRecorder;
  readonly outbound: OutboundRecorder;
  readonly inbound: InboundRecorder;
  readonly history: HistoryRecorder;
  readonly receipts: ReceiptRecorder;
  readonly calls: CallRecorder;
  readonly chats: ChatRecorder;

  constructor(deps: StoreRuntimeHostDeps) {
    const ctx = new RecorderContext(deps);
    this.status = new StatusRecorder(ctx);
    this.outbound = new OutboundRecorder(ctx, { media: deps.media, sendLimits: deps.sendLimits });
    this.inbound = new InboundRecorder(ctx, {
      messageSeqCounter: deps.messageSeqCounter,
      onInboundStored: deps.onInboundStored,
    });
    this.history = new HistoryRecorder(ctx, { messageSeqCounter: deps.messageSeqCounter });
    this.receipts = new ReceiptRecorder(ctx);
    this.calls = new CallRecorder(ctx);
    this.chats = new ChatRecorder(ctx);
  }

  // Chat state (recorders/chat-recorder.ts)
  recordChatChange(ref: RuntimeSessionRef, chat: ChatId, change: ChatStatePatch): Promise<void> {
    return this.chats.recordChatChange(ref, chat, change);
  }

  recordDirectoryChange(ref: RuntimeSessionRef, change: DirectoryChange): Promise<void> {
    return this.chats.recordDirectoryChange(ref, change);
  }

  // Session status (recorders/status-recorder.ts)
  proxyFor(ref: RuntimeSessionRef): Promise<EngineProxy | null> {
    return this.status.proxyFor(ref);
  }
  alwaysOnline(ref: RuntimeSessionRef): Promise<boolean> {
    return this.status.alwaysOnline(ref);
  }
  setStatus(ref: RuntimeSessionRef, status: SessionStatus, detail: Record<string, unknown>): Promise<void> {
    return this.status.setStatus(ref, status, detail);
  }
  qrUpdated(ref: RuntimeSessionRef, qr: string, expiresAt: Date): Promise<void> {
    return this.status.qrUpdated(ref, qr, expiresAt);
  }
  setIdentity(ref: RuntimeSessionRef, identity: EngineIdentity): Promise<void> {
    return this.status.setIdentity(ref, identity);
  }
  log(ref: RuntimeSessionRef, event: string, detail: Record<string, unknown>): Promise<void> {
    return this.status.log(ref, event, detail);
  }
  connectionFailed(ref: RuntimeSessionRef, failure: ConnectionFailure): Promise<void> {
    return this.status.connectionFailed(ref, failure);
  }

  // Outbound messages (recorders/outbound-recorder.ts)
  sendPolicy(ref: RuntimeSessionRef): Promise<SendPolicy> {
    return this.outbound.sendPolicy(ref);
  }
  claimNextOutgoing(ref: RuntimeSessionRef, newWaId: () => string): Promise<OutgoingWork | null> {
    return this.outbound.claimNextOutgoing(ref, newWaId);
  }
  markSent(messageId: string, at: Date): Promise<void> {
    return this.outbound.markSent(messageId, at);
  }
  markFailed(messageId: string, reason: string): Promise<void> {
    return this.outbound.markFailed(messageId, reason);
  }
  requeue(messageId: string): Promise<void> {
    return this.outbound.requeue(messageId);
  }
  recoverInFlight(ref: RuntimeSessionRef): Promise<number> {
    return this.outbound.recoverInFlight(ref);
  }

  // Inbound messages, receipts, calls
  recordInbound(ref: RuntimeSessionRef, message: InboundMessage, live: boolean): Promise<InboundOutcome> {
    return this.inbound.recordInbound(ref, message, live);
  }
  recordHistory(ref: RuntimeSessionRef, requestId: string | null, messages: InboundMessage[]): Promise<void> {
    return this.history.recordHistory(ref, requestId, messages);
  }
  applyStatus(ref: RuntimeSessionRef, waId: string, status: DeliveryStatus, at: Date, error?: string): Promise<void> {
    return this.receipts.applyStatus(ref, waId, status, at, error);
  }
  recordCall(ref: RuntimeSessionRef, call: IncomingCall): Promise<{ reject: boolean }> {
    return this.calls.recordCall(ref, call);
  }
}

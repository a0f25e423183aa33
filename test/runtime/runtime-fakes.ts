// In-memory stand-ins for the unit tests of the runtime's timing (send pump, supervisor): an engine
// whose sends, acks and pings the test controls on a FakeClock, and a host that keeps the queue
// in a list. The end-to-end tests (test/e2e, test/faults) run the same code on Baileys, the
// simulator and a real store.
import { ConnectionLostError } from '../../src/core/errors.js';
import type { SendPolicy } from '../../src/core/limits/send-limits.js';
import type {
  Engine,
  EngineEvent,
  EngineFactory,
  EngineOptions,
  OutgoingContent,
} from '../../src/core/ports/engine.js';
import type { OutgoingWork, RuntimeHost, RuntimeSessionRef } from '../../src/core/runtime/runtime.types.js';
import type { SessionStatus } from '../../src/core/sessions/session-status.js';
import type { FakeClock } from '../support/fake-clock.js';

export const REF: RuntimeSessionRef = { accountId: 'acc_test', sessionId: 'ses_test' };

interface QueuedMessage {
  messageId: string;
  text: string;
  waId: string | null;
  status: 'queued' | 'sending' | 'sent' | 'failed';
  error?: string;
}

/** The store side: a FIFO of messages by id, with the state changes the runtime asks for. */
export class ListHost implements RuntimeHost {
  readonly messages: QueuedMessage[] = [];
  readonly statuses: SessionStatus[] = [];
  readonly logs: Array<{ event: string; detail: Record<string, unknown> }> = [];
  policy: SendPolicy = { minIntervalMs: 0, typing: false, maxInFlight: 1 };
  private next = 0;

  enqueue(...texts: string[]): void {
    for (const text of texts)
      this.messages.push({
        messageId: `msg_${String(++this.next).padStart(4, '0')}`,
        text,
        waId: null,
        status: 'queued',
      });
  }

  byText(text: string): QueuedMessage {
    const m = this.messages.find((x) => x.text === text);
    if (!m) throw new Error(`no message ${text}`);
    return m;
  }

  count(status: QueuedMessage['status']): number {
    return this.messages.filter((m) => m.status === status).length;
  }

  async alwaysOnline(): Promise<boolean> {
    return false;
  }
  async recordChatChange(): Promise<void> {}
  async recordDirectoryChange(): Promise<void> {}
  async proxyFor(): Promise<null> {
    return null;
  }
  async sendPolicy(): Promise<SendPolicy> {
    return this.policy;
  }
  async setStatus(_ref: RuntimeSessionRef, status: SessionStatus): Promise<void> {
    this.statuses.push(status);
  }
  async qrUpdated(): Promise<void> {}
  async connectionFailed(): Promise<void> {}
  async setIdentity(): Promise<void> {}
  async log(_ref: RuntimeSessionRef, event: string, detail: Record<string, unknown>): Promise<void> {
    this.logs.push({ event, detail });
  }
  async claimNextOutgoing(_ref: RuntimeSessionRef, newWaId: () => string): Promise<OutgoingWork | null> {
    const m = this.messages.find((x) => x.status === 'queued');
    if (!m) return null;
    m.waId ??= newWaId();
    m.status = 'sending';
    return {
      messageId: m.messageId,
      to: '15550000001@s.whatsapp.net',
      content: { kind: 'text', text: m.text },
      waId: m.waId,
    };
  }
  private move(messageId: string, from: QueuedMessage['status'], to: QueuedMessage['status'], error?: string): void {
    const m = this.messages.find((x) => x.messageId === messageId);
    if (m?.status === from) Object.assign(m, { status: to }, error ? { error } : {});
  }
  async markSent(messageId: string): Promise<void> {
    this.move(messageId, 'sending', 'sent');
  }
  async markFailed(messageId: string, reason: string): Promise<void> {
    this.move(messageId, 'sending', 'failed', reason);
  }
  async requeue(messageId: string): Promise<void> {
    this.move(messageId, 'sending', 'queued');
  }
  async recoverInFlight(): Promise<number> {
    const sending = this.messages.filter((m) => m.status === 'sending');
    sending.forEach((m) => (m.status = 'queued'));
    return sending.length;
  }
  async recordInbound(): Promise<void> {}
  async recordHistory(): Promise<void> {}
  async recordCall(): Promise<{ reject: boolean }> {
    return { reject: false };
  }
  async applyStatus(): Promise<void> {}
}

/**
 * One engine; `mode` says what the network does: `live` acks each send after `ackDelayMs`,
 * `frozen` swallows sends and never answers a ping, `closed` rejects every operation.
 */
export class ScriptedEngine implements Engine {
  mode: 'live' | 'frozen' | 'closed' = 'live';
  ackDelayMs = 10;
  /** Acks the server "loses" (the next this many sends get none, on a live connection). */
  swallowAcks = 0;
  /** Errors for the next sends, in order (then sends succeed). */
  failNext: unknown[] = [];
  readonly writes: Array<{ waId: string; text: string; at: number }> = [];
  starts = 0;
  private emit: (event: EngineEvent) => void = () => undefined;

  constructor(private readonly clock: FakeClock) {}

  factory(): EngineFactory {
    return {
      create: (options: EngineOptions) => {
        this.emit = options.onEvent;
        return this;
      },
    };
  }

  /** Emits an engine event as the adapter would. */
  event(event: EngineEvent): void {
    this.emit(event);
  }

  open(): void {
    this.mode = 'live';
    this.event({
      type: 'open',
      identity: {
        deviceJid: '15550000000:1@s.whatsapp.net',
        jid: '15550000000@s.whatsapp.net',
        lid: null,
        phoneNumber: '15550000000',
        pushName: null,
      },
    });
  }

  async start(): Promise<void> {
    this.starts++;
  }
  async stop(): Promise<void> {}
  async logout(): Promise<void> {}
  async requestPairingCode(): Promise<string> {
    return 'ABCDEFGH';
  }
  async send(to: string, content: OutgoingContent, waId: string) {
    if (this.mode === 'closed') throw new ConnectionLostError('closed');
    const failure = this.failNext.shift();
    if (failure) throw failure;
    this.writes.push({ waId, text: content.kind === 'text' ? content.text : '', at: this.clock.ms });
    if (this.mode === 'live' && this.swallowAcks > 0) this.swallowAcks--;
    else if (this.mode === 'live')
      this.clock.setTimer(this.ackDelayMs, () => this.event({ type: 'server_ack', waId, chat: to, error: null }));
    return { waId, timestamp: this.clock.now() };
  }
  async sendPresence(): Promise<void> {}
  async edit(): Promise<void> {}
  async revoke(): Promise<void> {}
  async react(): Promise<void> {}
  async star(): Promise<void> {}
  async markRead(): Promise<void> {}
  async rejectCall(): Promise<void> {}
  async group(): Promise<never> {
    throw new Error('the scripted engine has no groups');
  }
  async chat(): Promise<void> {}
  async channel(): Promise<never> {
    throw new Error('the scripted engine has no channels');
  }
  async fetchHistory(): Promise<never> {
    throw new Error('the scripted engine has no history');
  }
  async people(): Promise<never> {
    throw new Error('the scripted engine has no directory');
  }
  async ping(timeoutMs: number): Promise<void> {
    if (this.mode === 'closed') throw new ConnectionLostError('closed');
    if (this.mode === 'live') return;
    await new Promise<void>((_, reject) =>
      this.clock.setTimer(timeoutMs, () => reject(new ConnectionLostError('ping timed out'))),
    );
  }
  async hasCredentials(): Promise<boolean> {
    return true;
  }
  private ids = 0;
  newMessageId(): string {
    return `3EB0${String(++this.ids).padStart(8, '0')}`;
  }
  async downloadMedia(): Promise<null> {
    return null;
  }
}

// What the engine reports that the session runtime only passes on to the host: messages received
// (or sent from the phone), calls, and delivery statuses of our messages. Network calls they lead
// to (mark read, reject a call) run beside the event queue, never holding it.
import type { Engine, EngineEvent, InboundMessage } from '../ports/engine.js';
import type { Logger } from '../ports/logger.js';
import type { RuntimeHost, RuntimeSessionRef } from './runtime.types.js';

export type InboundEvent = Extract<
  EngineEvent,
  { type: 'message' | 'history' | 'call' | 'chat' | 'directory' | 'status' }
>;

export interface InboundContext {
  ref: RuntimeSessionRef;
  host: RuntimeHost;
  engine: Engine | null;
  log: Logger;
}

export async function handleInbound(event: InboundEvent, { ref, host, engine, log }: InboundContext): Promise<void> {
  switch (event.type) {
    case 'message': {
      const outcome = await host.recordInbound(ref, event.message, event.live);
      if (outcome?.markRead && engine) markReadLater(engine, event.message, log);
      return;
    }
    case 'history':
      await host.recordHistory(ref, event.requestId, event.messages);
      return;
    case 'call': {
      const { reject } = await host.recordCall(ref, event.call);
      if (reject)
        engine
          ?.rejectCall(event.call.callId, event.call.from)
          .catch((err: unknown) => log.warn({ err, callId: event.call.callId }, 'rejecting a call failed'));
      return;
    }
    case 'chat':
      await host.recordChatChange(ref, event.chat, event.change);
      return;
    case 'directory':
      await host.recordDirectoryChange(ref, event.change);
      return;
    case 'status':
      await host.applyStatus(ref, event.waId, event.status, event.at, event.error);
      return;
  }
}

/** read_incoming: the message is marked read on WhatsApp. */
function markReadLater(engine: Engine, m: InboundMessage, log: Logger): void {
  const isGroup = m.chat.endsWith('@g.us');
  const participant = isGroup ? (m.senderLid ?? m.senderJid) : null;
  engine
    .markRead([{ chat: m.chat, waId: m.waId, fromMe: false, participant }])
    .catch((err: unknown) => log.warn({ err, waId: m.waId }, 'marking an incoming message read failed'));
}

// Incoming calls: the calls.incoming event, and whether to reject the call (auto_reject_calls).
import { callIncomingEvent, personFrom } from '../../events/producers.js';
import type { IncomingCall } from '../../ports/engine.js';
import type { CallHost, RuntimeSessionRef } from '../runtime.types.js';
import { eventSession, type RecorderContext } from './recorder-context.js';

export class CallRecorder implements CallHost {
  constructor(private readonly ctx: RecorderContext) {}

  async recordCall(ref: RuntimeSessionRef, call: IncomingCall): Promise<{ reject: boolean }> {
    return this.ctx.tx(async (tx) => {
      const settings = await this.ctx.settingsOf(tx, ref);
      const reject = Boolean(settings?.auto_reject_calls) && call.status === 'offer';
      const from = personFrom(call.callerJid ?? call.from, call.from.endsWith('@lid') ? call.from : null) ?? {
        jid: call.from,
        phone: null,
        lid: null,
      };
      const event = callIncomingEvent(eventSession(ref), {
        callId: call.callId,
        from,
        isVideo: call.isVideo,
        isGroup: call.isGroup,
        status: call.status,
        rejected: reject,
      });
      await this.ctx.appendFiltered(tx, event, settings);
      return { reject };
    });
  }
}

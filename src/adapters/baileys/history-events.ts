// Baileys' messaging-history.set → the engine's `history` event, for on-demand history only (the
// link-time syncs are not stored as messages). A group post in a history sync names its author by
// LID only; the sync carries the author's phone number as a LID mapping, which Baileys stored
// before emitting, so it is filled in here as a live message would have it (participant_pn).
import { isPnUser, jidNormalizedUser, proto, type WAMessage } from 'baileys';
import type { EngineEvent, InboundMessage } from '../../core/ports/engine.js';
import type { LidMappings } from './directory-events.js';
import { toInboundMessage } from './to-core.js';

export interface HistorySet {
  messages: WAMessage[];
  syncType?: proto.HistorySync.HistorySyncType | null;
  peerDataRequestSessionId?: string | null;
}

/** The engine event for one history set; null for a sync we did not ask for. */
export async function historyEvent(set: HistorySet, mapping: LidMappings): Promise<EngineEvent | null> {
  if (set.syncType !== proto.HistorySync.HistorySyncType.ON_DEMAND) return null;
  const messages = set.messages.map(toInboundMessage).filter((m) => m !== null);
  return {
    type: 'history',
    requestId: set.peerDataRequestSessionId ?? null,
    messages: await Promise.all(messages.map((m) => withPhone(m, mapping))),
  };
}

async function withPhone(m: InboundMessage, mapping: LidMappings): Promise<InboundMessage> {
  if (m.fromMe || m.senderJid || !m.senderLid) return m;
  try {
    const pn = await mapping.getPNForLID(m.senderLid);
    return pn && isPnUser(pn) ? { ...m, senderJid: jidNormalizedUser(pn) } : m;
  } catch {
    return m; // no mapping: the sender stays as WhatsApp named them
  }
}

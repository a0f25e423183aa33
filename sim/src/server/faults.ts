import { formatJid, node as mk, parseJid, S_WHATSAPP_NET, type BinaryNode } from '../binary/index.js';
import type { Origin } from './dispatch.js';
import type { Simulator } from './simulator.js';

/**
 * The error code of a message ack for a recipient that is not on (simulated) WhatsApp. Baileys'
 * `handleBadAck` turns any ack `error` into `messages.update` status ERROR; 479 is the code it
 * knows as SMAX_INVALID ("stanza rejected by server"), what a send to a non-user ends with.
 */
export const NOT_A_USER_ERROR = '479';

/** The error of a message ack for a `<message>` the server cannot relay (no `<participants>`, no `<enc>`). */
export const MALFORMED_ERROR = '400';

/**
 * A `<message>` to a user (PN or LID jid) that no simulated account has: answered with an error ack
 * and dropped, so the sender sees the send fail instead of a silent success. True when refused.
 */
export function refuseUnknownRecipient(sim: Simulator, origin: Origin, msg: BinaryNode): boolean {
  const { id, to } = msg.attrs;
  const jid = to ? parseJid(to) : undefined;
  if (!id || !to || !jid || (jid.server !== 's.whatsapp.net' && jid.server !== 'lid')) return false;
  if (sim.accounts.resolve(to)) return false;
  refuseMessage(sim, origin, id, formatJid(jid.user, jid.server), NOT_A_USER_ERROR);
  sim.log.info({ id, to, from: origin.pn }, 'message to a non-user refused with an error ack');
  return true;
}

/** Refuses a `<message>`: `<ack class=message id from error>`, and nothing is relayed. */
export function refuseMessage(sim: Simulator, origin: Origin, id: string, from: string, error: string): void {
  const t = String(Math.floor(Date.now() / 1000));
  origin.reply(mk('ack', { class: 'message', id, from, t, error }));
  // Baileys (rc14) emits the ERROR status into its event buffer, which a lone ack never flushes: the
  // `flushPendingTimeout` of ev.createBufferedFunction goes stale, so it waits for the next processed
  // stanza or 30 s. A no-op notification (server_sync without a collection) is such a stanza.
  origin.reply(mk('notification', { id: sim.nextId(), from: S_WHATSAPP_NET, type: 'server_sync', t }));
}

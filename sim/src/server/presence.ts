/**
 * Presence and chat states (design §8.3).
 *
 * - `<chatstate to=B><composing [media=audio]/>|<paused/></chatstate>` from A goes to B's phone and
 *   B's online companions, `from` A in the form (PN or LID) A addressed B with. Never queued: a
 *   typing indicator is worthless later.
 * - `<presence type=available|unavailable name/>` from A goes to the accounts that subscribed to A
 *   (`<presence type=subscribe to=A/>`) and to the phones of the accounts A has chatted with.
 */
import { formatJid, node as mk, parseJid, type BinaryNode } from '../binary/index.js';
import type { AccountRecord } from '../state/types.js';
import type { Origin } from './dispatch.js';
import { deviceKey } from './session.js';
import type { Simulator } from './simulator.js';

interface PresenceState {
  /** subscribed pn → subscriber pns */
  subscribers: Map<string, Set<string>>;
  /** pn → its last available/unavailable, for a new subscriber */
  last: Map<string, { type: string; at: number }>;
}

const states = new WeakMap<Simulator, PresenceState>();

function state(sim: Simulator): PresenceState {
  let s = states.get(sim);
  if (!s) states.set(sim, (s = { subscribers: new Map(), last: new Map() }));
  return s;
}

/** Hands a stanza to device 0 and to the companions online now; nothing waits in a queue. */
function deliverLive(sim: Simulator, to: AccountRecord, node: BinaryNode, companions: boolean): void {
  sim.deliver(to.pn, 0, node);
  if (!companions) return;
  for (const c of to.companions) {
    const session = sim.live.get(deviceKey(to.pn, c.id));
    if (session?.ready && session.conn.isOpen) sim.send(session, node);
  }
}

export function routeChatstate(sim: Simulator, origin: Origin, node: BinaryNode): void {
  const sender = sim.store.byPn(origin.pn);
  const target = node.attrs.to ? sim.accounts.resolve(node.attrs.to) : undefined;
  const state = Array.isArray(node.content) ? node.content[0] : undefined;
  if (!sender || !target || !state || target.pn === sender.pn) return;
  const lidForm = parseJid(node.attrs.to!)?.server === 'lid';
  const attrs = lidForm
    ? { from: formatJid(sender.lid, 'lid'), sender_pn: formatJid(sender.pn, 's.whatsapp.net') }
    : { from: formatJid(sender.pn, 's.whatsapp.net') };
  deliverLive(sim, target, mk('chatstate', attrs, [mk(state.tag, { ...state.attrs })]), true);
}

export function routePresence(sim: Simulator, origin: Origin, node: BinaryNode): void {
  const sender = sim.store.byPn(origin.pn);
  if (!sender) return;
  const { type } = node.attrs;
  const s = state(sim);
  if (type === 'subscribe' && node.attrs.to) {
    const target = sim.accounts.resolve(node.attrs.to);
    if (!target) return;
    let set = s.subscribers.get(target.pn);
    if (!set) s.subscribers.set(target.pn, (set = new Set()));
    set.add(sender.pn);
    // A new subscriber learns the current state at once, as on WhatsApp.
    const last = s.last.get(target.pn);
    if (last) origin.reply(presenceNode(target, last.type, last.at));
    return;
  }
  if (type !== 'available' && type !== 'unavailable') return;
  const at = Date.now();
  s.last.set(sender.pn, { type, at });
  const subscribers = s.subscribers.get(sender.pn) ?? new Set<string>();
  // Chat partners from the peer map the relay keeps, not a scan of every relayed message per presence.
  for (const pn of new Set([...subscribers, ...(sim.peers.get(sender.pn) ?? new Set<string>())])) {
    const target = sim.store.byPn(pn);
    if (target) deliverLive(sim, target, presenceNode(sender, type, at), subscribers.has(pn));
  }
}

function presenceNode(about: AccountRecord, type: string, at: number): BinaryNode {
  return mk('presence', {
    from: formatJid(about.pn, 's.whatsapp.net'),
    type,
    ...(type === 'unavailable' ? { last: String(Math.floor(at / 1000)) } : {}),
  });
}

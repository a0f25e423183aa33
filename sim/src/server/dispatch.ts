import { child, firstChild, nodeToString, type BinaryNode } from '../binary/index.js';
import { handleIq } from './iq.js';
import { onMessage, onReceipt } from './relay.js';
import { routeChatstate, routePresence } from './presence.js';
import { routeCall } from './calls.js';
import type { Session } from './session.js';
import type { Simulator } from './simulator.js';

/** Who sent a stanza into the network: a device of an account, and how to answer it directly. */
export interface Origin {
  pn: string;
  device: number;
  reply(node: BinaryNode): void;
}

export function originOf(sim: Simulator, session: Session): Origin | undefined {
  if (session.pn === undefined || session.device === undefined) return undefined;
  return { pn: session.pn, device: session.device, reply: (n) => sim.send(session, n) };
}

/** Everything a connected client sends after the handshake. */
export async function dispatch(sim: Simulator, session: Session, node: BinaryNode): Promise<void> {
  if (node.tag === 'iq') return handleIq(sim, session, node);
  const origin = originOf(sim, session);
  // An answer to something we delivered (a receipt answers a message): it may leave the queue now.
  if (origin && (node.tag === 'ack' || node.tag === 'receipt')) sim.acknowledged(origin.pn, origin.device, node);
  switch (node.tag) {
    case 'ib':
      // unified_session is telemetry; offline_batch asks for more of a preview we never send.
      if (child(node, 'unified_session') || child(node, 'offline_batch')) return;
      break;
    case 'presence':
      if (origin && node.attrs.name) {
        const account = sim.store.byPn(origin.pn);
        if (account && account.pushName !== node.attrs.name) {
          account.pushName = node.attrs.name;
          sim.store.changed();
        }
      }
      if (origin) routePresence(sim, origin, node);
      return;
    case 'chatstate':
      if (origin) routeChatstate(sim, origin, node);
      return;
    case 'ack':
      // Taken above; before login (pairing notifications) there is nothing queued to settle.
      return;
    default:
      if (origin) return routeFromDevice(sim, origin, node);
  }
  sim.unhandled(session, node, `unexpected <${node.tag}> (${firstChild(node)?.tag ?? 'no child'})`);
}

/** Stanzas that any device (a client or a phone) sends to other users. */
export async function routeFromDevice(sim: Simulator, origin: Origin, node: BinaryNode): Promise<void> {
  switch (node.tag) {
    case 'message':
      return onMessage(sim, origin, node);
    case 'receipt':
      return onReceipt(sim, origin, node);
    case 'chatstate':
      return routeChatstate(sim, origin, node);
    case 'presence':
      return routePresence(sim, origin, node);
    case 'call':
      return routeCall(sim, origin, node);
    case 'ack':
      // A phone's acks: its stanzas are handed over in process and never queued.
      return;
    default: {
      const session = sim.live.get(`${origin.pn}:${origin.device}`);
      sim.unhandled(session, node, `unexpected <${node.tag}> from ${origin.pn}:${origin.device}`);
      if (!session) sim.log.warn({ stanza: nodeToString(node) }, 'phone sent an unexpected stanza');
    }
  }
}

import { child, firstChild, node as mk, S_WHATSAPP_NET, type BinaryNode } from '../binary/index.js';
import { handleEncrypt } from './prekeys.js';
import { handleUsync } from './usync.js';
import { onLinkCodeStanza } from './pairing.js';
import { removeCompanion } from './unlink.js';
import { mediaConn } from './media-conn.js';
import { groupIq } from './groups/iq.js';
import { syncAppState } from './app-state.js';
import { newsletterQuery } from './newsletters.js';
import { getBlocklist, getPicture, setAbout, setBlock, setPicture } from './profile.js';
import type { Session } from './session.js';
import type { Simulator } from './simulator.js';

/** What an IQ handler returns: the result's children, or a full answer node. */
export type IqAnswer = BinaryNode[] | { error: { code: string; text: string } } | 'none';

type Handler = (sim: Simulator, session: Session, iq: BinaryNode) => IqAnswer | Promise<IqAnswer>;

/** Props a client asks for with `abt get`: tctoken behaviour off at first (design §6). */
const AB_PROPS: Record<string, string> = { '10518': 'false', '9666': 'false', '14303': 'false' };

const PRIVACY: Record<string, string> = {
  last: 'all',
  online: 'all',
  profile: 'all',
  status: 'all',
  groupadd: 'all',
  readreceipts: 'all',
  calladd: 'all',
  messages: 'all',
};

const empty: Handler = () => [];

/** The logged-in account and device behind a session (IQs only reach handlers after login). */
const actorOf = (session: Session): { pn: string; device: number } => ({ pn: session.pn!, device: session.device! });

/** Handlers by `xmlns:type:first-child-tag` (`*` = any child). */
const HANDLERS: Record<string, Handler> = {
  'w:p:get:ping': empty,
  'passive:set:active': (sim, session) => {
    // Answer first, then the queue, then `ib offline` (Baileys flushes its event buffer on it).
    setImmediate(() => {
      session.ready = true;
      sim.flushQueue(session);
    });
    return [];
  },
  'passive:set:passive': (_sim, session) => {
    session.ready = false;
    return [];
  },
  'abt:get:props': () => [
    mk(
      'props',
      { protocol: '1', hash: 'sim-1' },
      Object.entries(AB_PROPS).map(([name, value]) => mk('prop', { name, value })),
    ),
  ],
  'blocklist:get:*': (sim, session) => getBlocklist(sim, actorOf(session)),
  'blocklist:set:item': (sim, session, iq) => setBlock(sim, actorOf(session), iq),
  'w:profile:picture:get:picture': (sim, session, iq) => getPicture(sim, actorOf(session), iq),
  'w:profile:picture:set:*': (sim, session, iq) => setPicture(sim, actorOf(session), iq),
  'privacy:get:privacy': () => [
    mk(
      'privacy',
      {},
      Object.entries(PRIVACY).map(([name, value]) => mk('category', { name, value })),
    ),
  ],
  'privacy:set:*': empty,
  'w:stats:*:*': empty,
  'status:set:status': (sim, session, iq) => setAbout(sim, actorOf(session), iq),
  'urn:xmpp:whatsapp:dirty:set:clean': empty,
  'w:sync:app:state:set:sync': (sim, session, iq) => syncAppState(sim, actorOf(session), iq),
  'encrypt:*:*': handleEncrypt,
  'usync:get:usync': handleUsync,
  'md:set:link_code_companion_reg': async (sim, session, iq) => {
    await onLinkCodeStanza(sim, session, iq, child(iq, 'link_code_companion_reg')!);
    return 'none' as const;
  },
  'w:m:set:media_conn': (sim) => mediaConn(sim),
  'w:g2:*:*': (sim, session, iq) => groupIq(sim, actorOf(session), iq),
  'w:mex:get:query': (sim, session, iq) => {
    const answer = newsletterQuery(sim, actorOf(session), iq);
    if (answer) return answer;
    sim.unhandled(session, iq, `mex query ${child(iq, 'query')?.attrs.query_id ?? '-'} not simulated`);
    return 'none';
  },
  'md:set:remove-companion-device': (sim, session, iq) =>
    removeCompanion(sim, session, child(iq, 'remove-companion-device')!),
};

function find(xmlns: string, type: string, tag: string): Handler | undefined {
  return HANDLERS[`${xmlns}:${type}:${tag}`] ?? HANDLERS[`${xmlns}:${type}:*`] ?? HANDLERS[`${xmlns}:*:*`];
}

export async function handleIq(sim: Simulator, session: Session, iq: BinaryNode): Promise<void> {
  const { xmlns = '', type = '' } = iq.attrs;
  if (type === 'result' || type === 'error') {
    // Answers to server IQs are taken in Simulator.onStanza; a stray one (pair-device) needs nothing.
    if (child(iq, 'pair-device-sign') || type === 'result') return;
    return sim.unhandled(session, iq, 'client answered a server iq with an error');
  }
  const handler = find(xmlns, type, firstChild(iq)?.tag ?? '');
  if (!handler) return sim.unhandled(session, iq, `no handler for iq ${xmlns}/${type}/${firstChild(iq)?.tag ?? '-'}`);
  const answer = await handler(sim, session, iq);
  if (answer === 'none') return;
  const attrs = { id: iq.attrs.id, from: S_WHATSAPP_NET };
  if ('error' in answer) {
    sim.send(session, mk('iq', { ...attrs, type: 'error' }, [mk('error', answer.error)]));
  } else {
    sim.send(session, mk('iq', { ...attrs, type: 'result' }, answer.length ? answer : undefined));
  }
}

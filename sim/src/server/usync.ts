import { bareJid, child, children, node as mk, textOf, type BinaryNode } from '../binary/index.js';
import type { AccountRecord } from '../state/types.js';
import type { IqAnswer } from './iq.js';
import type { Session } from './session.js';
import type { Simulator } from './simulator.js';
import { aboutOf } from './profile.js';

/**
 * usync queries (design §7.1): device lists, PN→LID, "is this number on WhatsApp", status.
 * Each `<user>` answer echoes the jid asked for (or the PN jid for a phone-number lookup).
 */
export function handleUsync(sim: Simulator, session: Session, iq: BinaryNode): IqAnswer {
  const usync = child(iq, 'usync')!;
  const protocols = children(child(usync, 'query')).map((p) => p.tag);
  const known = new Set(['devices', 'lid', 'contact', 'status', 'disappearing_mode']);
  const unknown = protocols.filter((p) => !known.has(p));
  if (unknown.length) sim.unhandled(session, iq, `usync protocols not simulated: ${unknown.join(',')}`);
  const users = children(child(usync, 'list'), 'user').map((u) => answerUser(sim, u, protocols));
  return [
    mk(
      'usync',
      { sid: usync.attrs.sid, mode: usync.attrs.mode, context: usync.attrs.context, index: '0', last: 'true' },
      [
        mk(
          'result',
          {},
          protocols.filter((p) => known.has(p)).map((p) => mk(p, {})),
        ),
        mk('list', {}, users),
      ],
    ),
  ];
}

function answerUser(sim: Simulator, user: BinaryNode, protocols: string[]): BinaryNode {
  const phone = textOf(child(user, 'contact'));
  const askedJid = user.attrs.jid;
  const account = askedJid ? sim.accounts.resolve(askedJid) : phone ? sim.accounts.resolve(phone) : undefined;
  const jid = askedJid ? bareJid(askedJid) : `${(phone ?? '').replace(/^\+/, '')}@s.whatsapp.net`;
  const out: BinaryNode[] = [];
  for (const p of protocols) {
    if (p === 'devices') out.push(devicesNode(account));
    else if (p === 'lid') out.push(account ? mk('lid', { val: `${account.lid}@lid` }) : mk('lid', {}));
    else if (p === 'contact') out.push(mk('contact', { type: account ? 'in' : 'out' }));
    else if (p === 'status') {
      const about = aboutOf(account);
      out.push(mk('status', { t: String(Math.floor(about.at / 1000)) }, about.text));
    } else if (p === 'disappearing_mode') out.push(mk('disappearing_mode', { duration: '0', t: '0' }));
  }
  return mk('user', { jid }, out);
}

function devicesNode(account: AccountRecord | undefined): BinaryNode {
  if (!account) return mk('devices', {}, [mk('device-list', {})]);
  const list = [
    mk('device', { id: '0' }),
    ...account.companions.map((c) => mk('device', { id: String(c.id), 'key-index': String(c.keyIndex || 1) })),
  ];
  return mk('devices', {}, [mk('device-list', {}, list)]);
}

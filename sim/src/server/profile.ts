import { bytesOf, child, formatJid, node as mk, textOf, type BinaryNode } from '../binary/index.js';
import type { AccountRecord, PictureRecord } from '../state/types.js';
import { isAdmin } from './groups/model.js';
import type { IqAnswer } from './iq.js';
import type { Simulator } from './simulator.js';

/** Who is acting: an account and the device it acts from. */
interface Actor {
  pn: string;
  device: number;
}

export const DEFAULT_ABOUT = 'Hey there! I am using WhatsApp.';
const notFound = { error: { code: '404', text: 'item-not-found' } };

/** `xmlns=status set <status>text</status>`: our about text (usync `status` answers it). */
export function setAbout(sim: Simulator, actor: Actor, iq: BinaryNode): IqAnswer {
  const account = sim.store.byPn(actor.pn)!;
  account.about = { text: textOf(child(iq, 'status')) ?? '', at: Date.now() };
  sim.store.changed();
  return [];
}

/** `w:profile:picture get target`: `<picture id url direct_path type/>`, or 404 when there is none. */
export function getPicture(sim: Simulator, _actor: Actor, iq: BinaryNode): IqAnswer {
  const target = iq.attrs.target ?? '';
  const picture = target.endsWith('@g.us')
    ? sim.store.groups.get(target.replace(/@g\.us$/, ''))?.picture
    : sim.accounts.resolve(target)?.picture;
  if (!picture) return notFound;
  const type = child(iq, 'picture')?.attrs.type ?? 'preview';
  return [mk('picture', { id: picture.id, url: picture.url, direct_path: picture.directPath, type })];
}

/**
 * `w:profile:picture set [target]`: with `<picture type=image>JPEG</picture>` set ours (or a group's,
 * admins only), without it remove. Peers (or the members) get `<notification type=picture>`.
 */
export function setPicture(sim: Simulator, actor: Actor, iq: BinaryNode): IqAnswer {
  const target = iq.attrs.target;
  const jpeg = bytesOf(child(iq, 'picture'));
  const holder = target?.endsWith('@g.us')
    ? sim.store.groups.get(target.replace(/@g\.us$/, ''))
    : sim.store.byPn(actor.pn);
  if (!holder) return notFound;
  if ('members' in holder && !isAdmin(holder, actor.pn)) return { error: { code: '403', text: 'forbidden' } };
  let picture: PictureRecord | undefined;
  if (jpeg) {
    if (!sim.media) return { error: { code: '503', text: 'service-unavailable' } };
    const stored = sim.media.put('image', jpeg);
    picture = { id: String(Math.floor(Date.now() / 1000)), url: stored.url, directPath: stored.direct_path };
    holder.picture = picture;
  } else {
    delete holder.picture;
  }
  sim.store.changed();
  const from = 'members' in holder ? formatJid(holder.id, 'g.us') : formatJid(actor.pn, 's.whatsapp.net');
  const change = picture
    ? mk('set', { jid: from, id: picture.id, author: formatJid(actor.pn, 's.whatsapp.net') })
    : mk('delete', { jid: from, author: formatJid(actor.pn, 's.whatsapp.net') });
  const audience =
    'members' in holder ? holder.members.map((m) => m.pn) : [actor.pn, ...(sim.peers.get(actor.pn) ?? [])];
  const node = mk(
    'notification',
    { from, type: 'picture', id: sim.nextId(), t: String(Math.floor(Date.now() / 1000)) },
    [change],
  );
  for (const pn of new Set(audience)) {
    const account = sim.store.byPn(pn);
    for (const device of account ? sim.accounts.devices(account) : []) {
      if (pn !== actor.pn || device !== actor.device) sim.deliver(pn, device, node);
    }
  }
  return picture ? [mk('picture', { id: picture.id })] : [];
}

/** `blocklist get`: `<list><item jid=LID@lid pn_jid/>…</list>`. */
export function getBlocklist(sim: Simulator, actor: Actor): IqAnswer {
  const items = (sim.store.byPn(actor.pn)?.blocked ?? []).map((pn) => {
    const a = sim.store.byPn(pn);
    return mk('item', {
      jid: a ? formatJid(a.lid, 'lid') : formatJid(pn, 's.whatsapp.net'),
      pn_jid: formatJid(pn, 's.whatsapp.net'),
    });
  });
  return [mk('list', {}, items)];
}

/** `blocklist set <item action=block|unblock jid [pn_jid]/>` (Baileys updateBlockStatus). */
export function setBlock(sim: Simulator, actor: Actor, iq: BinaryNode): IqAnswer {
  const item = child(iq, 'item');
  const target = item ? sim.accounts.resolve(item.attrs.pn_jid ?? item.attrs.jid ?? '') : undefined;
  if (!item || !target || (item.attrs.action !== 'block' && item.attrs.action !== 'unblock'))
    return { error: { code: '400', text: 'bad-request' } };
  const account = sim.store.byPn(actor.pn)!;
  const others = (account.blocked ?? []).filter((pn) => pn !== target.pn);
  account.blocked = item.attrs.action === 'block' ? [...others, target.pn] : others;
  sim.store.changed();
  return [];
}

/** True when `recipient` blocked `senderPn`: the server accepts the message and never delivers it. */
export function blocks(recipient: AccountRecord, senderPn: string): boolean {
  return !!recipient.blocked?.includes(senderPn);
}

export const aboutOf = (a: AccountRecord | undefined): { text: string; at: number } =>
  a?.about ?? { text: DEFAULT_ABOUT, at: a?.createdAt ?? 0 };

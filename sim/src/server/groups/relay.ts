import { child, children, formatJid, node as mk, parseJid, type BinaryNode } from '../../binary/index.js';
import type { Origin } from '../dispatch.js';
import type { Simulator } from '../simulator.js';
import { refuseMessage } from '../faults.js';
import { GroupError, isAdmin } from './model.js';
import { groupJid } from './render.js';

const now = (): string => String(Math.floor(Date.now() / 1000));

/**
 * A `<message to=G@g.us>` (design §8.1): members only (admins only when `announcement` is on).
 * Each member device gets `from=G participant=SENDER_LID:d@lid participant_pn` with its own
 * `<enc>` from `<participants>` (the sender-key distribution, pkmsg/msg) **before** the shared
 * `skmsg`, as Baileys decrypts children in order. A retry resend (`participant=DEVICE`) goes to
 * that one device. The sender gets the server ack once every copy is held, or an error ack.
 */
export function onGroupMessage(sim: Simulator, origin: Origin, msg: BinaryNode): void {
  const { id, to } = msg.attrs;
  const sender = sim.store.byPn(origin.pn)!;
  const t = now();
  const refuse = (code: string): void => refuseMessage(sim, origin, id!, to!, code);
  let group;
  try {
    group = sim.groups.forMember(to!, origin.pn);
  } catch (err) {
    if (err instanceof GroupError) return refuse(err.code);
    throw err;
  }
  if (group.announce && !isAdmin(group, origin.pn)) return refuse('403');
  const base: Record<string, string> = {
    from: groupJid(group),
    id: id!,
    t,
    type: msg.attrs.type ?? 'text',
    participant: formatJid(sender.lid, 'lid', origin.device),
    participant_pn: formatJid(sender.pn, 's.whatsapp.net'),
    addressing_mode: 'lid',
    ...(sender.pushName ? { notify: sender.pushName } : {}),
  };
  for (const a of ['edit', 'category', 'expiration']) if (msg.attrs[a]) base[a] = msg.attrs[a]!;
  const deviceIdentity = child(msg, 'device-identity');
  const shared = children(msg, 'enc');
  const own = new Map<string, BinaryNode[]>();
  for (const target of children(child(msg, 'participants'), 'to')) {
    const jid = parseJid(target.attrs.jid ?? '');
    const account = sim.accounts.resolve(target.attrs.jid ?? '');
    if (jid && account) own.set(`${account.pn}:${jid.device}`, children(target, 'enc'));
  }
  const retryTo = msg.attrs.participant ? parseJid(msg.attrs.participant) : undefined;
  const retryAccount = msg.attrs.participant ? sim.accounts.resolve(msg.attrs.participant) : undefined;
  const members = new Set(group.members.map((m) => m.pn));
  for (const pn of members) {
    const account = sim.store.byPn(pn);
    if (!account || (retryAccount && retryAccount.pn !== pn)) continue;
    for (const device of sim.accounts.devices(account)) {
      if (pn === sender.pn && device === origin.device) continue;
      if (retryTo && retryTo.device !== device) continue;
      const encs = retryTo ? shared : [...(own.get(`${pn}:${device}`) ?? []), ...shared];
      if (!encs.length) continue;
      const withIdentity = deviceIdentity && encs.some((e) => e.attrs.type === 'pkmsg') ? [deviceIdentity] : [];
      sim.deliver(pn, device, mk('message', base, [...encs, ...withIdentity]));
      if (pn !== sender.pn) sim.stats.bump(sim.stats.receivedBy, pn);
    }
  }
  if (!sim.sentIndex.has(id!)) sim.sentIndex.set(id!, { senderPn: sender.pn, chat: groupJid(group) });
  sim.stats.messagesRelayed++;
  sim.stats.bump(sim.stats.sentBy, sender.pn);
  origin.reply(mk('ack', { class: 'message', id, from: to, t }));
}

/**
 * A `<receipt to=G participant=AUTHOR_DEVICE>`: to the author's devices `from=G participant=READER`
 * (Baileys: `message-receipt.update`); a retry receipt to the author's one device only.
 */
export function onGroupReceipt(sim: Simulator, origin: Origin, receipt: BinaryNode): void {
  const { id, to, type, participant } = receipt.attrs;
  const reader = sim.store.byPn(origin.pn);
  const author = participant ? sim.accounts.resolve(participant) : undefined;
  if (!id || !to || !reader || !author || type === 'sender' || type === 'read-self' || type === 'inactive') return;
  const attrs: Record<string, string> = {
    from: to,
    id,
    t: receipt.attrs.t ?? now(),
    participant: formatJid(reader.lid, 'lid', type === 'retry' ? origin.device : 0),
    ...(type ? { type } : {}),
  };
  const list = child(receipt, 'list');
  const devices = type === 'retry' ? [parseJid(participant!)?.device ?? 0] : sim.accounts.devices(author);
  for (const device of devices) {
    if (author.pn === reader.pn && device === origin.device) continue;
    sim.deliver(
      author.pn,
      device,
      mk(
        'receipt',
        attrs,
        type === 'retry' ? (receipt.content as BinaryNode[] | undefined) : list ? [list] : undefined,
      ),
    );
  }
  sim.stats.receiptsRelayed++;
}

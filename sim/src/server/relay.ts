import { bareJid, child, children, node as mk, parseJid, formatJid, type BinaryNode } from '../binary/index.js';
import type { AccountRecord } from '../state/types.js';
import type { Origin } from './dispatch.js';
import type { Simulator } from './simulator.js';
import { notePeers } from './devices.js';
import { MALFORMED_ERROR, refuseMessage, refuseUnknownRecipient } from './faults.js';
import { onGroupMessage, onGroupReceipt } from './groups/relay.js';
import { blocks } from './profile.js';
import { onNewsletterMessage } from './newsletters.js';

const now = (): string => String(Math.floor(Date.now() / 1000));

/** Relayed message ids → who sent them and the chat jid they used, for routing receipts back. */
const MAX_INDEX = 100_000;

export interface SentIndexEntry {
  senderPn: string;
  /** The bare jid the sender addressed (PN or LID form): receipts come back `from` it. */
  chat: string;
}

function remember(sim: Simulator, id: string, entry: SentIndexEntry): void {
  const index = sim.sentIndex;
  index.set(id, entry);
  if (index.size > MAX_INDEX) index.delete(index.keys().next().value!);
}

/** The sender's address as the recipient sees it: same form (PN or LID) as the chat it was sent to. */
function senderAttrs(a: AccountRecord, device: number, lidForm: boolean): Record<string, string> {
  return lidForm
    ? { from: formatJid(a.lid, 'lid', device), sender_pn: formatJid(a.pn, 's.whatsapp.net') }
    : { from: formatJid(a.pn, 's.whatsapp.net', device), sender_lid: formatJid(a.lid, 'lid') };
}

/**
 * A `<message>` from a device (design §7.3): ack the sender, then hand each addressed device its
 * own `<enc>` (never opened here), live or queued. Two shapes: `<participants><to jid>` fan-out, or a
 * single `<enc>` for one device (peer messages, retry resends).
 */
export function onMessage(sim: Simulator, origin: Origin, msg: BinaryNode): void {
  const { id, to } = msg.attrs;
  const sender = sim.store.byPn(origin.pn);
  if (!id || !to || !sender)
    return sim.unhandled(sim.live.get(`${origin.pn}:${origin.device}`), msg, 'message without id/to');
  if (to.endsWith('@g.us')) return onGroupMessage(sim, origin, msg);
  if (to.endsWith('@newsletter')) return onNewsletterMessage(sim, origin, msg);
  if (refuseUnknownRecipient(sim, origin, msg)) return;
  const chatJid = parseJid(to);
  const lidForm = chatJid?.server === 'lid';
  const deviceIdentity = child(msg, 'device-identity');
  const base: Record<string, string> = {
    id,
    t: now(),
    type: msg.attrs.type ?? 'text',
    ...senderAttrs(sender, origin.device, lidForm),
    ...(sender.pushName ? { notify: sender.pushName } : {}),
  };
  for (const a of ['category', 'edit', 'push_priority', 'device_fanout']) if (msg.attrs[a]) base[a] = msg.attrs[a]!;
  const targets: { jid: string; enc: BinaryNode[] }[] = [];
  const participants = child(msg, 'participants');
  if (participants) {
    for (const t of children(participants, 'to')) targets.push({ jid: t.attrs.jid ?? '', enc: children(t, 'enc') });
  } else if (child(msg, 'enc')) {
    targets.push({ jid: to, enc: children(msg, 'enc') });
  } else {
    refuseMessage(sim, origin, id, to, MALFORMED_ERROR);
    return sim.unhandled(
      sim.live.get(`${origin.pn}:${origin.device}`),
      msg,
      'message with neither participants nor enc',
    );
  }
  const chatBare = bareJid(to);
  if (!sim.sentIndex.has(id)) remember(sim, id, { senderPn: sender.pn, chat: msg.attrs.recipient ?? chatBare });
  sim.stats.messagesRelayed++;
  sim.stats.bump(sim.stats.sentBy, sender.pn);
  for (const target of targets) {
    const jid = parseJid(target.jid);
    const account = sim.accounts.resolve(target.jid);
    if (!jid || !account || !sim.accounts.devices(account).includes(jid.device)) {
      sim.log.warn({ jid: target.jid, id }, 'message for an unknown device dropped');
      continue;
    }
    const own = account.pn === sender.pn;
    // Blocked: accepted (the sender gets its server ack) and never delivered, as on WhatsApp.
    if (!own && blocks(account, sender.pn)) continue;
    const attrs = { ...base };
    // Our own other devices see the message as sent by us in the chat with the peer.
    if (own) attrs.recipient = msg.attrs.recipient ?? chatBare;
    const content = [
      ...target.enc,
      ...(deviceIdentity && target.enc.some((e) => e.attrs.type === 'pkmsg') ? [deviceIdentity] : []),
    ];
    sim.deliver(account.pn, jid.device, mk('message', attrs, content));
    if (!own) {
      sim.stats.bump(sim.stats.receivedBy, account.pn);
      notePeers(sim, sender.pn, account.pn);
    }
  }
  // Only now is it accepted: every copy is live or queued until its device acknowledges it. The
  // sender (Baileys) takes this ack as "sent"; a refused message got an error ack instead.
  origin.reply(mk('ack', { class: 'message', id, from: to, t: base.t }));
}

/**
 * A `<receipt>` (design §7.5): acked, then forwarded `from` the chat jid the sender used, so it
 * matches the sender's message key. Retry receipts go to the one device that sent the message, with
 * the asking device as `participant`; other receipts go to every device of the sender.
 */
export function onReceipt(sim: Simulator, origin: Origin, receipt: BinaryNode): void {
  const { id, to, type } = receipt.attrs;
  const reader = sim.store.byPn(origin.pn);
  origin.reply(mk('ack', { class: 'receipt', id, from: to, ...(type ? { type } : {}) }));
  if (!id || !to || !reader) return;
  if (to.endsWith('@g.us')) return onGroupReceipt(sim, origin, receipt);
  const target = sim.accounts.resolve(to);
  if (!target || type === 'sender' || type === 'read-self' || type === 'inactive') return;
  const lidForm = parseJid(to)?.server === 'lid';
  const attrs: Record<string, string> = { id, t: receipt.attrs.t ?? now(), ...(type ? { type } : {}) };
  if (receipt.attrs.participant) attrs.participant = receipt.attrs.participant;
  const sent = sim.sentIndex.get(id);
  const chat =
    sent && sent.senderPn === target.pn
      ? sent.chat
      : lidForm
        ? formatJid(reader.lid, 'lid')
        : formatJid(reader.pn, 's.whatsapp.net');
  if (type === 'retry') {
    // Only the device that sent the message can re-send it. Baileys finds the message by the chat
    // (`from`) and re-encrypts for the asking device (`participant`).
    const device = parseJid(to)?.device ?? 0;
    attrs.from = chat;
    attrs.participant = lidForm
      ? formatJid(reader.lid, 'lid', origin.device)
      : formatJid(reader.pn, 's.whatsapp.net', origin.device);
    if (receipt.attrs.recipient) attrs.recipient = receipt.attrs.recipient;
    sim.deliver(target.pn, device, mk('receipt', attrs, receipt.content as BinaryNode[] | undefined));
    sim.stats.receiptsRelayed++;
    return;
  }
  attrs.from = chat;
  const list = child(receipt, 'list');
  for (const device of sim.accounts.devices(target)) {
    if (target.pn === reader.pn && device === origin.device) continue;
    sim.deliver(target.pn, device, mk('receipt', attrs, list ? [list] : undefined));
  }
  sim.stats.receiptsRelayed++;
}

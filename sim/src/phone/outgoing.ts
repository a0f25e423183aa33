/**
 * Sending as device 0, the way Baileys' `relayMessage` (Socket/messages-send.js) builds a 1:1
 * stanza: one `<to jid><enc v=2 type>` per device of the peer and per other device of our own
 * account (those get a deviceSentMessage wrapper), all addressed by LID as Baileys 7 does.
 *
 *   <message id to=PEER type [phash]><participants><to jid=LID:d@lid><enc v=2 type=pkmsg|msg/></to>…</participants></message>
 *
 * The primary has no ADV device identity of its own, so no `<device-identity>` is attached.
 */
import { createHash, randomBytes } from 'node:crypto';
import { proto } from 'baileys/WAProto/index.js';
import type { BinaryNode } from '../binary/types.js';
import type { AccountAddress } from './network.js';
import { deviceSentMessage, encodePadded, stanzaType } from './messages.js';
import { lidJid, pnJid, type EncType } from './sessions.js';
import { remember, type PhoneCore, type SentMessage } from './core.js';
import { readContent } from './content.js';

/** `3EB0` + 18 upper-case hex digits, the shape of Baileys' ids. */
export function newMessageId(): string {
  return '3EB0' + randomBytes(9).toString('hex').toUpperCase();
}

/** Baileys `generateParticipantHashV2`. */
export function participantHash(jids: string[]): string {
  const hash = createHash('sha256')
    .update([...jids].sort().join(''))
    .digest('base64');
  return '2:' + hash.slice(0, 6);
}

export class NotOnWhatsAppError extends Error {
  override name = 'NotOnWhatsAppError';
}

export interface Relayed {
  id: string;
}

/**
 * Encrypt `message` for every device of `peer` and every companion of our own account and send it.
 * `toJid` is the stanza's `to` (the peer's PN jid, or LID jid when the caller addressed it by LID).
 */
export async function relay(
  core: PhoneCore,
  peer: AccountAddress,
  toJid: string,
  message: proto.IMessage,
  id = newMessageId(),
  extraAttrs: Record<string, string> = {},
): Promise<Relayed> {
  const peerDevices = await core.network.devicesOf(peer.lid);
  if (peerDevices.length === 0) throw new NotOnWhatsAppError(`${peer.pn} has no devices`);
  const ownDevices = peer.lid === core.lid ? [] : (await core.network.devicesOf(core.lid)).filter((d) => d !== 0);
  const targets = [
    ...ownDevices.map((d) => ({ lid: core.lid, device: d, own: true })),
    ...peerDevices
      .filter((d) => !(peer.lid === core.lid && d === 0))
      .map((d) => ({ lid: peer.lid, device: d, own: false })),
  ];
  const plain = encodePadded(message);
  const dsm = ownDevices.length ? encodePadded(deviceSentMessage(toJid, message)) : plain;
  /** Per device: what the encryption produced, or why it failed (for the error when all fail). */
  const devices: { jid: string; type?: EncType; error?: string }[] = [];
  const nodes = await Promise.all(
    targets.map(async (t) => {
      const jid = lidJid(t.lid, t.device);
      try {
        const { type, ciphertext } = await core.sessions.encrypt(t.lid, t.device, t.own ? dsm : plain);
        devices.push({ jid, type });
        return {
          tag: 'to',
          attrs: { jid },
          content: [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }],
        } satisfies BinaryNode;
      } catch (err) {
        devices.push({ jid, error: (err as Error).message });
        return undefined;
      }
    }),
  );
  const participants = nodes.filter((n): n is NonNullable<typeof n> => n !== undefined);
  if (participants.length === 0)
    throw new Error(
      `could not encrypt for any device of ${peer.pn}: ${devices.map((d) => `${d.jid}: ${d.error}`).join('; ')}`,
    );
  const stanza: BinaryNode = {
    tag: 'message',
    attrs: {
      id,
      to: toJid,
      type: stanzaType(message),
      ...extraAttrs,
      phash: participantHash(participants.map((p) => p.attrs.jid)),
    },
    content: [{ tag: 'participants', attrs: {}, content: participants }],
  };
  await core.network.send(stanza);
  return { id };
}

/**
 * A peer message to one of our own companions (history sync and other protocol messages), the
 * shape Baileys uses for `category=peer`: a single `<enc>` directly under `<message>`.
 *
 *   <message id to=PN:d@s.whatsapp.net type=text category=peer push_priority=high_force><enc v=2 type/></message>
 */
export async function sendPeer(
  core: PhoneCore,
  device: number,
  message: proto.IMessage,
  id = newMessageId(),
): Promise<Relayed> {
  const { type, ciphertext } = await core.sessions.encrypt(core.lid, device, encodePadded(message));
  const stanza: BinaryNode = {
    tag: 'message',
    attrs: { id, to: pnJid(core.pn, device), type: 'text', category: 'peer', push_priority: 'high_force' },
    content: [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }],
  };
  await core.network.send(stanza);
  return { id };
}

/**
 * The record of a message this phone is about to send, `pending` until the server acks it. Kept
 * before it leaves: the server's ack and receipts can arrive before the send returns.
 */
export function pendingSent(
  core: PhoneCore,
  id: string,
  to: string,
  toLid: string,
  message: proto.IMessage,
): SentMessage {
  const content = readContent(message).fields;
  return {
    id,
    to,
    to_lid: toLid,
    from_device: 0,
    type: content.type,
    ...(content.text !== undefined ? { text: content.text } : {}),
    status: 'pending',
    delivered_to: [],
    read_by: [],
    sent_at: new Date(core.network.now()).toISOString(),
  };
}

/** Sends `message` to a person (`to`: number, `+number`, PN or LID jid), kept with what we sent. */
export async function sendToPeer(
  core: PhoneCore,
  to: string,
  message: proto.IMessage,
  attrs: Record<string, string>,
): Promise<{ id: string }> {
  const peer = await core.network.lookup(to.replace(/^\+/, ''));
  if (!peer) throw new NotOnWhatsAppError(`${to} is not on the simulated network`);
  const toJid = to.endsWith('@lid') ? lidJid(peer.lid, 0) : pnJid(peer.pn);
  const id = newMessageId();
  remember(core, {
    ...pendingSent(core, id, peer.pn, peer.lid, message),
    message: Buffer.from(proto.Message.encode(message).finish()).toString('base64'),
  });
  try {
    await relay(core, peer, toJid, message, id, attrs);
  } catch (err) {
    core.outbox.delete(id);
    throw err;
  }
  return { id };
}

/** A post to a channel we own: `<message to=N@newsletter type><plaintext>Message</plaintext>` (not encrypted). */
export async function sendToChannel(
  core: PhoneCore,
  to: string,
  message: proto.IMessage,
  attrs: Record<string, string>,
): Promise<{ id: string }> {
  const id = newMessageId();
  remember(core, pendingSent(core, id, to, '', message));
  await core.network.send({
    tag: 'message',
    attrs: { id, to, type: stanzaType(message), ...attrs },
    content: [{ tag: 'plaintext', attrs: {}, content: proto.Message.encode(message).finish() }],
  });
  return { id };
}

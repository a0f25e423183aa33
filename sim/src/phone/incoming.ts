/**
 * Stanzas the network delivers to device 0: messages (decrypt, inbox, delivery receipt, as Baileys'
 * `handleMessage`), receipts and acks for what the phone sent, and notifications (acked).
 */
import { proto } from 'baileys/WAProto/index.js';
import type { BinaryNode } from '../binary/types.js';
import { parseJid } from '../binary/jid.js';
import { decodePadded } from './messages.js';
import { readContent } from './content.js';
import { openMedia } from './media.js';
import { applyAction } from './actions.js';
import { onPresence } from './presence.js';
import { onCall } from './calls.js';
import type { EncType } from './sessions.js';
import { buildRetryReceipt, resend } from './retry.js';
import { fromDistribution, groupDecrypt } from '../crypto/sender-keys.js';
import { answerHistoryRequest, historyRequestOf } from './history-on-demand.js';
import { senderKeyName, senderKeyOf } from './group-keys.js';
import {
  INBOX_LIMIT,
  isRepeat,
  remember,
  unhandled,
  type InboxEntry,
  type PhoneCore,
  type SentStatus,
} from './core.js';

const RANK: Record<SentStatus, number> = { error: -1, pending: 0, server_ack: 1, delivered: 2, read: 3, played: 4 };

export async function receive(core: PhoneCore, node: BinaryNode): Promise<void> {
  switch (node.tag) {
    case 'message':
      return onMessage(core, node);
    case 'receipt':
      return onReceipt(core, node);
    case 'ack':
      return onAck(core, node);
    case 'chatstate':
    case 'presence':
      return onPresence(core, node);
    case 'call':
      return onCall(core, core.calls, node);
    case 'notification':
      // Prekey-low notifications need nothing: the server refills device 0 through generatePreKeys.
      return ack(core, node);
    case 'iq':
      // Results of nothing the phone asked; errors are worth seeing.
      if (node.attrs.type === 'error') unhandled(core, node, 'iq error sent to the phone', core.network.now());
      return;
    default:
      unhandled(core, node, `phone does not handle <${node.tag}>`, core.network.now());
  }
}

async function onMessage(core: PhoneCore, node: BinaryNode): Promise<void> {
  const { id, from } = node.attrs;
  const author = from ? parseJid(from) : undefined;
  if (!id || !from || !author) return unhandled(core, node, 'message without id or from', core.network.now());
  if (author.server === 'newsletter') return onChannelPost(core, node);
  // In a group the author is `participant` (LID device jid, with `participant_pn`); `from` is the group.
  const group = author.server === 'g.us' ? from : undefined;
  const sender = group ? parseJid(node.attrs.participant ?? '') : author;
  const senderJid = group ? (node.attrs.participant ?? '') : from;
  if (!sender) return unhandled(core, node, 'group message without participant', core.network.now());
  const names =
    sender.server === 'lid'
      ? {
          lid: sender.user,
          pn: userOf(node.attrs.sender_pn ?? node.attrs.participant_pn) ?? (await core.network.lookup(senderJid))?.pn,
        }
      : { pn: sender.user, lid: userOf(node.attrs.sender_lid) ?? (await core.network.lookup(senderJid))?.lid };
  if (!names.lid || !names.pn) return unhandled(core, node, `cannot resolve sender ${senderJid}`, core.network.now());
  const encs = Array.isArray(node.content) ? node.content.filter((c) => c.tag === 'enc') : [];
  if (encs.length === 0) return unhandled(core, node, 'message without <enc>', core.network.now());

  let decrypted = 0;
  // Peer data operations from our own companions, answered once the request is receipted.
  const answers: (() => Promise<void>)[] = [];
  for (const enc of encs) {
    const type = enc.attrs.type;
    const known = type === 'pkmsg' || type === 'msg' || (type === 'skmsg' && group);
    if (!known || !(enc.content instanceof Uint8Array)) {
      unhandled(core, node, `enc type ${type} not supported by the phone`, core.network.now());
      continue;
    }
    let message;
    try {
      message = decodePadded(
        type === 'skmsg'
          ? groupDecrypt(senderKeyOf(core, group!, names.lid, sender.device), enc.content)
          : await core.sessions.decrypt(names.lid, sender.device, type as EncType, enc.content),
      );
    } catch (err) {
      // Like Baileys: ask the sender to re-send, with our registration id so it can rebuild the session.
      unhandled(core, node, `decrypt failed: ${(err as Error).message}`, core.network.now());
      await retryReceipt(core, node, Number(enc.attrs.count ?? 0) + 1);
      continue;
    }
    decrypted++;
    const skdm = message.senderKeyDistributionMessage?.axolotlSenderKeyDistributionMessage;
    if (group && skdm) core.senderKeys.set(senderKeyName(group, names.lid, sender.device), fromDistribution(skdm));
    const own = names.lid === core.lid;
    const dsm = message.deviceSentMessage;
    // Baileys sends a peer operation to device 0 wrapped like any message to its own devices.
    const peerOp = own ? (dsm?.message ?? message).protocolMessage?.peerDataOperationRequestMessage : undefined;
    if (peerOp) {
      if (isRepeat(core, names.pn, id)) continue;
      const request = historyRequestOf(peerOp);
      if (!request) {
        unhandled(
          core,
          node,
          `peer data operation ${peerOp.peerDataOperationRequestType} not supported`,
          core.network.now(),
        );
        continue;
      }
      answers.push(() => answerHistoryRequest(core, sender.device, id, request));
    } else if (own && dsm?.message) {
      // A companion of ours sent something: keep it with what the account sent.
      if (isRepeat(core, names.pn, id)) continue;
      const { fields: content, action } = readContent(dsm.message);
      if (action) applyAction(core, action, core.pn, isoNow(core));
      remember(core, {
        id,
        to: userOf(dsm.destinationJid ?? undefined) ?? '',
        to_lid: '',
        from_device: sender.device,
        type: content.type,
        ...(content.text !== undefined ? { text: content.text } : {}),
        status: 'server_ack',
        delivered_to: [],
        read_by: [],
        sent_at: isoNow(core),
      });
    } else if (!message.senderKeyDistributionMessage) {
      // A resend with an id we already have (a sender that crashed before it saw our receipt) is
      // dropped as a real phone does; it is still answered with a receipt below.
      if (isRepeat(core, names.pn, id)) continue;
      const { fields, mediaRef, action } = readContent(message);
      if (action) {
        // Edits and revokes change their target and are not inbox items; reactions are both.
        if (!applyAction(core, action, names.pn, isoNow(core)))
          unhandled(core, node, `${action.kind} of unknown message ${action.id}`, core.network.now());
        if (action.kind !== 'reaction') continue;
      } else if (fields.type === 'protocol') continue;
      const { type: kind, text, ...rest } = fields;
      if (mediaRef && rest.media) rest.media = await openMedia(core.network, mediaRef, rest.media);
      core.received.push({
        id,
        from: names.pn,
        from_lid: names.lid,
        from_device: sender.device,
        from_jid: senderJid,
        ...(group ? { group } : {}),
        ...(node.attrs.notify ? { push_name: node.attrs.notify } : {}),
        type: kind,
        ...(text !== undefined ? { text } : {}),
        ...rest,
        enc: type as InboxEntry['enc'],
        timestamp: Number(node.attrs.t ?? Math.floor(core.network.now() / 1000)),
        received_at: isoNow(core),
        receipts: ['delivery'],
        copies: 1,
      });
      if (core.received.length > INBOX_LIMIT) core.received.shift();
    }
  }
  // Nothing readable: the retry receipt already went out; a delivery receipt would be a lie.
  if (decrypted === 0) return;
  // Baileys answers a decrypted message with a receipt instead of an ack: none for peers (delivered),
  // `sender` for our own companions' copies, `peer_msg` for peer category.
  const receipt: BinaryNode = { tag: 'receipt', attrs: { id, to: from, ...(group ? { participant: senderJid } : {}) } };
  if (node.attrs.category === 'peer') receipt.attrs.type = 'peer_msg';
  else if (names.lid === core.lid) {
    receipt.attrs.type = 'sender';
    if (node.attrs.recipient) receipt.attrs.recipient = node.attrs.recipient;
  }
  await core.network.send(receipt);
  for (const answer of answers)
    await answer().catch((err: unknown) =>
      unhandled(core, node, `answering a peer data operation failed: ${(err as Error).message}`, core.network.now()),
    );
}

/** A post of a channel we follow: plaintext (not end-to-end encrypted), acked instead of receipted. */
async function onChannelPost(core: PhoneCore, node: BinaryNode): Promise<void> {
  const plaintext = Array.isArray(node.content) ? node.content.find((c) => c.tag === 'plaintext') : undefined;
  if (!(plaintext?.content instanceof Uint8Array))
    return unhandled(core, node, 'channel post without plaintext', core.network.now());
  const { fields } = readContent(proto.Message.decode(plaintext.content));
  const { type: kind, text, ...rest } = fields;
  core.received.push({
    id: node.attrs.id!,
    from: '',
    from_lid: '',
    from_device: 0,
    from_jid: node.attrs.from!,
    newsletter: node.attrs.from!,
    ...(node.attrs.server_id ? { server_id: node.attrs.server_id } : {}),
    type: kind,
    ...(text !== undefined ? { text } : {}),
    ...rest,
    enc: 'plaintext',
    timestamp: Number(node.attrs.t ?? 0),
    received_at: isoNow(core),
    receipts: [],
    copies: 1,
  });
  await ack(core, node);
}

async function retryReceipt(core: PhoneCore, node: BinaryNode, count: number): Promise<void> {
  // From the second attempt on, hand the sender fresh keys so it can start over.
  const keys = count > 1 ? core.retryKeys() : undefined;
  await core.network.send(buildRetryReceipt(core, node, count, keys));
}

async function onReceipt(core: PhoneCore, node: BinaryNode): Promise<void> {
  const { type } = node.attrs;
  // In a group the reader is `participant`; `from` is the group.
  const from = node.attrs.from?.endsWith('@g.us') ? node.attrs.participant : node.attrs.from;
  const ids = [node.attrs.id, ...listIds(node)].filter((x): x is string => !!x);
  const status: SentStatus | undefined =
    type === undefined ? 'delivered' : type === 'read' ? 'read' : type === 'played' ? 'played' : undefined;
  for (const id of ids) {
    const sent = core.outbox.get(id);
    if (!sent || !from) continue;
    if (type === 'retry') {
      await resend(core, node, sent).catch((err: unknown) =>
        unhandled(core, node, `resend failed: ${(err as Error).message}`, core.network.now()),
      );
      continue;
    }
    if (status) {
      if (!sent.delivered_to.includes(from)) sent.delivered_to.push(from);
      if ((status === 'read' || status === 'played') && !sent.read_by.includes(from)) sent.read_by.push(from);
      if (status === 'played' && !(sent.played_by ??= []).includes(from)) sent.played_by.push(from);
      if (RANK[status] > RANK[sent.status]) sent.status = status;
    }
  }
  await ack(core, node);
}

async function onAck(core: PhoneCore, node: BinaryNode): Promise<void> {
  if (node.attrs.class !== 'message') return;
  const sent = node.attrs.id ? core.outbox.get(node.attrs.id) : undefined;
  if (!sent) return;
  if (node.attrs.error) {
    sent.status = 'error';
    sent.error = node.attrs.error;
  } else if (RANK[sent.status] < RANK.server_ack) sent.status = 'server_ack';
}

/** Baileys `buildAckStanza`. */
async function ack(core: PhoneCore, node: BinaryNode): Promise<void> {
  if (!node.attrs.id || !node.attrs.from) return;
  const attrs: Record<string, string> = { id: node.attrs.id, to: node.attrs.from, class: node.tag };
  for (const k of ['participant', 'recipient', 'type'] as const) {
    const v = node.attrs[k];
    if (v) attrs[k] = v;
  }
  await core.network.send({ tag: 'ack', attrs });
}

function listIds(node: BinaryNode): string[] {
  if (!Array.isArray(node.content)) return [];
  const list = node.content.find((c) => c.tag === 'list');
  return Array.isArray(list?.content) ? list.content.filter((c) => c.tag === 'item').map((c) => c.attrs.id ?? '') : [];
}

function userOf(jid: string | undefined): string | undefined {
  return jid ? parseJid(jid)?.user : undefined;
}

function isoNow(core: PhoneCore): string {
  return new Date(core.network.now()).toISOString();
}

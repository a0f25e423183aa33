/**
 * On-demand history (Baileys `fetchMessageHistory`): a companion asks its phone, in a peer
 * `protocolMessage PEER_DATA_OPERATION_REQUEST_MESSAGE` of type HISTORY_SYNC_ON_DEMAND, for up to
 * `onDemandMsgCount` messages of one chat older than the oldest it holds. The phone answers that
 * companion with a history-sync notification of syncType ON_DEMAND (inline, deflated payload, as
 * the link bootstrap in messages.ts) naming the request in `peerDataRequestSessionId`, built from
 * what it received (inbox) and sent in that chat (a person, or a group); newest first, as WhatsApp
 * orders a conversation's messages (Baileys keeps the first as the chat's latest).
 */
import { deflateSync } from 'node:zlib';
import { proto } from 'baileys/WAProto/index.js';
import type { InboxEntry, PhoneCore, SentMessage } from './core.js';
import { sendPeer } from './outgoing.js';
import { parseJid } from '../binary/jid.js';

/** The request as the phone reads it. `oldestMsgTimestampMs` 0 = no anchor (the newest messages). */
export interface HistoryRequest {
  chatJid: string;
  oldestMsgId: string;
  oldestMsgTimestampMs: number;
  count: number;
}

/** The request in a peer data operation, or undefined when it is another kind of operation. */
export function historyRequestOf(op: proto.Message.IPeerDataOperationRequestMessage): HistoryRequest | undefined {
  const r = op.historySyncOnDemandRequest;
  if (op.peerDataOperationRequestType !== proto.Message.PeerDataOperationRequestType.HISTORY_SYNC_ON_DEMAND || !r)
    return undefined;
  return {
    chatJid: r.chatJid ?? '',
    oldestMsgId: r.oldestMsgId ?? '',
    oldestMsgTimestampMs: Number(r.oldestMsgTimestampMs ?? 0),
    count: Math.max(0, r.onDemandMsgCount ?? 0),
  };
}

const STATUS: Record<SentMessage['status'], proto.WebMessageInfo.Status> = {
  error: proto.WebMessageInfo.Status.ERROR,
  pending: proto.WebMessageInfo.Status.PENDING,
  server_ack: proto.WebMessageInfo.Status.SERVER_ACK,
  delivered: proto.WebMessageInfo.Status.DELIVERY_ACK,
  read: proto.WebMessageInfo.Status.READ,
  played: proto.WebMessageInfo.Status.PLAYED,
};

interface Held {
  /** WhatsApp time, seconds. */
  at: number;
  /** When the phone received or sent it, ms: orders messages of the same second. */
  order: number;
  info: proto.IWebMessageInfo;
  /** A group post's author (its key names the LID only; the sync carries the PN mapping). */
  author?: { pn: string; lid: string };
}

/** Whether an inbox item belongs to the chat: a group's posts, or a person's 1:1 messages. */
function inChat(m: InboxEntry, chatJid: string, user: string, group: boolean): boolean {
  if (group) return m.group === chatJid;
  return !m.group && !m.newsletter && (m.from === user || m.from_lid === user);
}

/** What the phone holds of the chat (a person by PN or LID, or a group), as WebMessageInfos, oldest first. */
export function chatHistory(core: PhoneCore, chatJid: string): Held[] {
  const jid = parseJid(chatJid);
  if (!jid || !['s.whatsapp.net', 'lid', 'g.us'].includes(jid.server)) return [];
  const { user } = jid;
  const group = jid.server === 'g.us';
  const out: Held[] = [];
  for (const m of core.received) {
    if (m.revoked || !inChat(m, chatJid, user, group)) continue;
    const message = rebuild(m);
    if (!message) continue;
    out.push({
      at: m.timestamp,
      order: Date.parse(m.received_at),
      ...(group ? { author: { pn: m.from, lid: m.from_lid } } : {}),
      info: {
        // In a group the author is the key's participant (LID, as the group is LID-addressed).
        key: { remoteJid: chatJid, fromMe: false, id: m.id, ...(group ? { participant: `${m.from_lid}@lid` } : {}) },
        message,
        messageTimestamp: m.timestamp,
        ...(m.push_name ? { pushName: m.push_name } : {}),
      },
    });
  }
  for (const s of core.outbox.values()) {
    // `to`: the group jid (sent by the phone) or its user part (a companion's copy), else the person.
    if (s.revoked || (s.to !== user && s.to_lid !== user && s.to !== chatJid)) continue;
    const message = s.message ? proto.Message.decode(Buffer.from(s.message, 'base64')) : rebuild(s);
    if (!message || message.reactionMessage) continue;
    const order = Date.parse(s.sent_at);
    const at = Math.floor(order / 1000);
    out.push({
      at,
      order,
      info: {
        key: { remoteJid: chatJid, fromMe: true, id: s.id },
        message: s.edited_text !== undefined ? { conversation: s.edited_text } : message,
        messageTimestamp: at,
        status: STATUS[s.status],
      },
    });
  }
  return out.sort((a, b) => a.order - b.order);
}

/**
 * Up to `count` of the chat's messages before the anchor, newest first. A known anchor id cuts the
 * chat there (several messages share a second); an unknown one falls back to its time.
 */
export function olderThan(core: PhoneCore, request: HistoryRequest): Held[] {
  const all = chatHistory(core, request.chatJid);
  const at = request.oldestMsgId ? all.findIndex((m) => m.info.key?.id === request.oldestMsgId) : -1;
  const anchor = request.oldestMsgTimestampMs > 0 ? request.oldestMsgTimestampMs / 1000 : Number.POSITIVE_INFINITY;
  const before = at >= 0 ? all.slice(0, at) : all.filter((m) => m.at <= anchor);
  return before.slice(Math.max(0, before.length - request.count)).reverse();
}

/** The ON_DEMAND history-sync notification answering `requestId`. */
export function onDemandNotification(
  chatJid: string,
  held: Held[],
  requestId: string,
  nowSeconds: number,
): proto.IMessage {
  const messages = held.map((h) => h.info);
  const authors = new Map(held.flatMap((h) => (h.author ? [[h.author.lid, h.author.pn] as const] : [])));
  const history = proto.HistorySync.encode({
    syncType: proto.HistorySync.HistorySyncType.ON_DEMAND,
    conversations: messages.length ? [{ id: chatJid, messages: messages.map((message) => ({ message })) }] : [],
    phoneNumberToLidMappings: [...authors].map(([lid, pn]) => ({
      pnJid: `${pn}@s.whatsapp.net`,
      lidJid: `${lid}@lid`,
    })),
    progress: 100,
    chunkOrder: 0,
  }).finish();
  const oldest = messages.at(-1)?.messageTimestamp;
  return {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
      historySyncNotification: {
        syncType: proto.Message.HistorySyncType.ON_DEMAND,
        chunkOrder: 0,
        progress: 100,
        oldestMsgInChunkTimestampSec: oldest == null ? nowSeconds : Number(oldest),
        peerDataRequestSessionId: requestId,
        initialHistBootstrapInlinePayload: deflateSync(history),
      },
    },
  };
}

/** Answer companion `device`'s request `requestId` (the id of its peer message). */
export async function answerHistoryRequest(
  core: PhoneCore,
  device: number,
  requestId: string,
  request: HistoryRequest,
): Promise<void> {
  const now = Math.floor(core.network.now() / 1000);
  await sendPeer(core, device, onDemandNotification(request.chatJid, olderThan(core, request), requestId, now));
}

/** A Message again from what the phone kept of it: text, location, contacts, poll; media without its keys. */
function rebuild(m: InboxEntry | SentMessage): proto.IMessage | undefined {
  const text = m.edited_text ?? m.text;
  const kept = m as Partial<InboxEntry>;
  switch (m.type) {
    case 'text':
      return { conversation: text ?? '' };
    case 'location':
      return kept.location
        ? {
            locationMessage: {
              degreesLatitude: kept.location.latitude,
              degreesLongitude: kept.location.longitude,
              ...(kept.location.name ? { name: kept.location.name } : {}),
              ...(kept.location.address ? { address: kept.location.address } : {}),
            },
          }
        : undefined;
    case 'contact': {
      const cards = (kept.contacts ?? []).map((c) => ({ displayName: c.name, vcard: c.vcard }));
      if (cards.length === 0) return undefined;
      return cards.length === 1 ? { contactMessage: cards[0] } : { contactsArrayMessage: { contacts: cards } };
    }
    case 'poll':
      return kept.poll
        ? {
            pollCreationMessageV3: {
              name: kept.poll.question,
              options: kept.poll.options.map((optionName) => ({ optionName })),
              selectableOptionsCount: kept.poll.multi_select ? 0 : 1,
            },
          }
        : undefined;
    case 'image':
    case 'video':
    case 'document':
    case 'sticker':
    case 'audio':
    case 'ptt': {
      // The phone keeps no media keys: the kind, type and caption travel, the file does not.
      const media = {
        ...(kept.media?.mimetype ? { mimetype: kept.media.mimetype } : {}),
        ...(kept.media?.size !== undefined ? { fileLength: kept.media.size } : {}),
        ...(text ? { caption: text } : {}),
      };
      if (m.type === 'image') return { imageMessage: media };
      if (m.type === 'video') return { videoMessage: media };
      if (m.type === 'sticker') return { stickerMessage: media };
      if (m.type === 'document')
        return { documentMessage: { ...media, ...(kept.media?.file_name ? { fileName: kept.media.file_name } : {}) } };
      return { audioMessage: { ...media, ptt: m.type === 'ptt' } };
    }
    default:
      return undefined; // reactions are on their target; unknown kinds have nothing to rebuild
  }
}

/**
 * The Message protobufs the phone builds and reads, with WhatsApp's random padding
 * (Baileys `writeRandomPadMax16` / `unpadRandomMax16`, Utils/generics.js).
 */
import { randomBytes } from 'node:crypto';
import { deflateSync } from 'node:zlib';
import { proto } from 'baileys/WAProto/index.js';

/** Encode and pad with 1..16 bytes each holding the pad length. */
export function encodePadded(message: proto.IMessage): Uint8Array {
  const body = proto.Message.encode(message).finish();
  const pad = ((randomBytes(1)[0] ?? 0) & 0x0f) + 1;
  const out = new Uint8Array(body.length + pad);
  out.set(body, 0);
  out.fill(pad, body.length);
  return out;
}

/** Strip the padding and decode. Throws on an impossible pad or a bad protobuf. */
export function decodePadded(bytes: Uint8Array): proto.Message {
  if (bytes.length === 0) throw new Error('empty plaintext');
  const pad = bytes[bytes.length - 1] ?? 0;
  if (pad === 0 || pad > bytes.length) throw new Error(`bad padding ${pad} on ${bytes.length} bytes`);
  return proto.Message.decode(bytes.subarray(0, bytes.length - pad));
}

export function textMessage(text: string): proto.IMessage {
  return { conversation: text };
}

/** What a sender's own other devices get instead of the message (Baileys `meMsg`). */
export function deviceSentMessage(destinationJid: string, message: proto.IMessage): proto.IMessage {
  return { deviceSentMessage: { destinationJid, message }, messageContextInfo: message.messageContextInfo ?? null };
}

/**
 * The peer message a phone sends a freshly linked companion (design §6): a history-sync
 * notification with an inline, deflated INITIAL_BOOTSTRAP HistorySync. It carries the push name and
 * the account's PN↔LID mapping, so Baileys leaves its 20 s "awaiting history" state at once.
 */
export function historySyncNotification(pn: string, lid: string, pushName: string, nowSeconds: number): proto.IMessage {
  const history = proto.HistorySync.encode({
    syncType: proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP,
    conversations: [],
    pushnames: [{ id: `${pn}@s.whatsapp.net`, pushname: pushName }],
    phoneNumberToLidMappings: [{ pnJid: `${pn}@s.whatsapp.net`, lidJid: `${lid}@lid` }],
    progress: 100,
    chunkOrder: 0,
  }).finish();
  return {
    protocolMessage: {
      type: proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION,
      historySyncNotification: {
        syncType: proto.Message.HistorySyncType.INITIAL_BOOTSTRAP,
        chunkOrder: 0,
        progress: 100,
        oldestMsgInChunkTimestampSec: nowSeconds,
        initialHistBootstrapInlinePayload: deflateSync(history),
      },
    },
  };
}

/** The `type` attribute of a `<message>` stanza, as Baileys' `getMessageType`. */
export function stanzaType(message: proto.IMessage): 'text' | 'media' | 'reaction' | 'poll' | 'event' {
  if (message.reactionMessage || message.encReactionMessage) return 'reaction';
  if (
    message.pollCreationMessage ||
    message.pollCreationMessageV2 ||
    message.pollCreationMessageV3 ||
    message.pollUpdateMessage
  )
    return 'poll';
  if (message.eventMessage) return 'event';
  return mediaOf(message) ? 'media' : 'text';
}

function mediaOf(m: proto.IMessage): boolean {
  return !!(
    m.imageMessage ||
    m.videoMessage ||
    m.ptvMessage ||
    m.audioMessage ||
    m.documentMessage ||
    m.stickerMessage
  );
}

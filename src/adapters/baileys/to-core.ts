// Translation of Baileys' shapes into domain words (STYLE §5: translate at the edge).
import { BufferJSON, isLidUser, isPnUser, jidNormalizedUser, proto, type WAMessage } from 'baileys';
import type {
  CloseReason,
  DeliveryStatus,
  InboundAction,
  InboundMessage,
  MessageRef,
} from '../../core/ports/engine.js';

/** Baileys' DisconnectReason codes → what the runtime must do. */
export function closeReasonFromCode(code: number | null, registered: boolean): CloseReason {
  switch (code) {
    case 401:
      return 'logged_out';
    case 515:
      return 'restart_required';
    case 440:
      return 'replaced';
    case 403:
      return 'forbidden';
    case 500:
      return 'bad_session';
    case 408:
      // The QR ran out of refs before a scan: Baileys ends with 408 while not yet linked.
      return registered ? 'connection_lost' : 'qr_timeout';
    default:
      return 'connection_lost';
  }
}

/**
 * The Node network error code (ENOTFOUND, ECONNREFUSED, a TLS certificate error…) of the WebSocket
 * error Baileys wraps in its close reason; null when the close did not come from the network layer.
 */
export function networkErrorCode(wsError: unknown): string | null {
  const code = wsError && typeof wsError === 'object' ? (wsError as { code?: unknown }).code : undefined;
  return typeof code === 'string' && (/^E(AI_)?[A-Z]+$/.test(code) || /CERT|TLS|SSL|UNABLE_TO_VERIFY/.test(code))
    ? code
    : null;
}

/** proto.WebMessageInfo.Status (0 ERROR … 5 PLAYED) → our delivery status; PENDING has none. */
export function deliveryStatusFromProto(status: number | null | undefined): DeliveryStatus | null {
  switch (status) {
    case 0:
      return 'failed';
    case 2:
      return 'sent';
    case 3:
      return 'delivered';
    case 4:
      return 'read';
    case 5:
      return 'played';
    default:
      return null;
  }
}

const KIND_BY_FIELD: Array<[keyof proto.IMessage, string]> = [
  ['conversation', 'text'],
  ['extendedTextMessage', 'text'],
  ['imageMessage', 'image'],
  ['videoMessage', 'video'],
  ['audioMessage', 'audio'],
  ['documentMessage', 'document'],
  ['documentWithCaptionMessage', 'document'],
  ['stickerMessage', 'sticker'],
  ['locationMessage', 'location'],
  ['liveLocationMessage', 'location'],
  ['contactMessage', 'contact'],
  ['contactsArrayMessage', 'contact'],
  ['pollCreationMessage', 'poll'],
  ['pollCreationMessageV2', 'poll'],
  ['pollCreationMessageV3', 'poll'],
  ['reactionMessage', 'reaction'],
  ['protocolMessage', 'protocol'],
];

/** Unwraps the containers WhatsApp puts around content (ephemeral, view once, device-sent…). */
export function unwrapContent(message: proto.IMessage | null | undefined): proto.IMessage | null {
  let m = message ?? null;
  for (let i = 0; m && i < 5; i++) {
    const inner =
      m.ephemeralMessage?.message ??
      m.viewOnceMessage?.message ??
      m.viewOnceMessageV2?.message ??
      m.viewOnceMessageV2Extension?.message ??
      m.documentWithCaptionMessage?.message ??
      m.deviceSentMessage?.message ??
      m.editedMessage?.message;
    if (!inner) break;
    m = inner;
  }
  return m;
}

export function messageKind(content: proto.IMessage | null): string {
  if (!content) return 'unknown';
  for (const [field, kind] of KIND_BY_FIELD) if (content[field]) return kind;
  return 'unknown';
}

export function messageText(content: proto.IMessage | null): string | null {
  if (!content) return null;
  return (
    content.conversation ??
    content.extendedTextMessage?.text ??
    content.imageMessage?.caption ??
    content.videoMessage?.caption ??
    content.documentMessage?.caption ??
    // What lists show for kinds without text: the place, the contact names, the poll question.
    content.locationMessage?.name ??
    content.locationMessage?.address ??
    content.contactMessage?.displayName ??
    content.contactsArrayMessage?.displayName ??
    content.pollCreationMessage?.name ??
    content.pollCreationMessageV2?.name ??
    content.pollCreationMessageV3?.name ??
    null
  );
}

/** A JSON-safe copy of the raw message (Buffers become base64 through Baileys' replacer). */
function jsonSafe(value: unknown): unknown {
  return JSON.parse(JSON.stringify(value, BufferJSON.replacer));
}

/** The message key an action points at, in domain words. */
function targetRef(key: proto.IMessageKey | null | undefined, chat: string): MessageRef | null {
  if (!key?.id) return null;
  return {
    chat: key.remoteJid ? jidNormalizedUser(key.remoteJid) || key.remoteJid : chat,
    waId: key.id,
    fromMe: Boolean(key.fromMe),
    participant: key.participant ? jidNormalizedUser(key.participant) : null,
  };
}

/**
 * Edits, revokes and reactions: changes to an earlier message (H5). `undefined` for a normal
 * message, `null` for a protocol message that is none of those (history sync, app-state keys…),
 * which is not a message anyone wrote and is not stored.
 */
export function inboundAction(content: proto.IMessage | null, chat: string): InboundAction | null | undefined {
  const reaction = content?.reactionMessage;
  if (reaction) {
    const target = targetRef(reaction.key, chat);
    return target ? { type: 'reaction', target, emoji: reaction.text ?? '' } : null;
  }
  const protocol = content?.protocolMessage;
  if (!protocol) return undefined;
  const target = targetRef(protocol.key, chat);
  if (!target) return null;
  if (protocol.type === proto.Message.ProtocolMessage.Type.REVOKE) return { type: 'revoke', target };
  if (protocol.type === proto.Message.ProtocolMessage.Type.MESSAGE_EDIT) {
    return { type: 'edit', target, text: messageText(unwrapContent(protocol.editedMessage)) };
  }
  return null;
}

export function toInboundMessage(msg: WAMessage): InboundMessage | null {
  const key = msg.key;
  if (!key?.id || !key.remoteJid) return null;
  const chat = jidNormalizedUser(key.remoteJid) || key.remoteJid;
  const action = inboundAction(unwrapContent(msg.message), chat);
  if (action === null) return null;
  // The sender: the participant in groups, the chat itself in 1:1 chats. Baileys 7 gives the other
  // addressing form (PN vs LID) in the *Alt fields; resolve both where we can.
  // `||`, not `??`: Baileys leaves participant as an empty string in 1:1 chats.
  const senderRaw = key.fromMe ? null : key.participant || key.remoteJid;
  const senderAlt = key.fromMe ? null : (key.participant ? key.participantAlt : key.remoteJidAlt) || null;
  const pick = (test: (j: string) => boolean | undefined): string | null => {
    for (const j of [senderRaw, senderAlt]) if (j && test(j)) return jidNormalizedUser(j);
    return null;
  };
  const content = unwrapContent(msg.message);
  const ts = Number(msg.messageTimestamp ?? 0);
  return {
    waId: key.id,
    chat,
    senderJid: pick(isPnUser),
    senderLid: pick(isLidUser),
    senderName: msg.pushName ?? null,
    fromMe: Boolean(key.fromMe),
    kind: messageKind(content),
    text: messageText(content),
    timestamp: ts > 0 ? new Date(ts * 1000) : new Date(),
    raw: jsonSafe({
      key: msg.key,
      message: msg.message,
      messageTimestamp: msg.messageTimestamp,
      pushName: msg.pushName,
    }),
    ...(action ? { action } : {}),
  };
}

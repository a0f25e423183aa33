// The /v1 JSON shape of a message and its status history, and the core → JSON translation.
import { z } from 'zod';
import { phoneOf } from '../../../core/chats/chat-id.js';
import {
  MESSAGE_EVENT_TYPES,
  MESSAGE_STATUSES,
  type Message,
  type MessageEvent,
} from '../../../core/messages/message.types.js';
import { contentJsonSchema, reactionJsonSchema, toContentJson } from './message-content.js';

export const messageSenderSchema = z.object({
  phone: z.string().nullable().describe('E.164 digits of the sender, when known'),
  jid: z.string().nullable().describe('Phone-number JID of the sender, when known'),
  lid: z.string().nullable().describe('LID of the sender, when known'),
  name: z.string().nullable().describe('Push name of the sender'),
});

export const messageSchema = z
  .object({
    id: z.string().meta({ examples: ['msg_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    session_id: z.string(),
    direction: z.enum(['in', 'out']),
    chat: z
      .string()
      .describe('The chat (canonical JID)')
      .meta({ examples: ['14155550123@s.whatsapp.net'] }),
    wa_id: z.string().nullable().describe("WhatsApp's message id, once the message was handed to WhatsApp"),
    sender: messageSenderSchema.nullable().describe('Who sent an inbound message (null for ours)'),
    kind: z.string().meta({ examples: ['text'] }),
    text: z.string().nullable(),
    status: z.enum(MESSAGE_STATUSES),
    error: z.string().nullable().describe('Why the message failed'),
    timestamp: z.string().nullable().describe('When WhatsApp accepted or sent it'),
    content: contentJsonSchema
      .nullable()
      .describe("What we sent, in the send body's shape (null for received messages: see `raw` in events)"),
    edited_at: z.string().nullable().describe('When the text was last edited (by us or the sender)'),
    revoked_at: z.string().nullable().describe('When it was deleted for everyone'),
    starred: z.boolean(),
    reactions: z.array(reactionJsonSchema).describe('Current reactions, one per person'),
    created_at: z.string(),
    updated_at: z.string(),
  })
  .meta({ id: 'Message' });

export const messageEventSchema = z
  .object({
    status: z
      .enum(MESSAGE_EVENT_TYPES)
      .describe(
        'A delivery status, or an action on the message (edited, revoked, reaction, starred, unstarred, marked_read, forwarded)',
      ),
    at: z.string(),
    detail: z.record(z.string(), z.unknown()).nullable(),
  })
  .meta({ id: 'MessageEvent' });

export function toMessageJson(m: Message): z.infer<typeof messageSchema> {
  return {
    id: m.id,
    session_id: m.sessionId,
    direction: m.direction,
    chat: m.chatId,
    wa_id: m.waId,
    sender: m.sender
      ? { phone: phoneOf(m.sender.jid), jid: m.sender.jid, lid: m.sender.lid, name: m.sender.name }
      : null,
    kind: m.kind,
    text: m.text,
    status: m.status,
    error: m.error,
    timestamp: m.waTimestamp,
    content: m.content ? toContentJson(m.content) : null,
    edited_at: m.editedAt ?? null,
    revoked_at: m.revokedAt ?? null,
    starred: Boolean(m.starredAt),
    reactions: (m.reactions ?? []).map((r) => ({ emoji: r.emoji, from: r.from, from_me: r.fromMe, at: r.at })),
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function toMessageEventJson(e: MessageEvent): z.infer<typeof messageEventSchema> {
  return { status: e.status, at: e.at, detail: e.detail };
}

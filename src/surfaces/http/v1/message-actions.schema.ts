// /v1 request shapes for acting on messages (edit, react, forward, mark read, presence), and their
// translation to the core's commands.
import { z } from 'zod';
import { normalizeChatId } from '../../../core/chats/chat-id.js';
import { PRESENCES, type MarkRead, type SetPresence } from '../../../core/messages/message.commands.js';
import { renameFields } from './field-names.js';
import { MAX_TEXT_LENGTH } from './message.schema.js';

export const editMessageSchema = z.strictObject({
  text: z
    .string()
    .min(1)
    .max(MAX_TEXT_LENGTH)
    .describe('The new text')
    .meta({ examples: ['Corrected text'] }),
});
export type EditMessageInput = z.infer<typeof editMessageSchema>;

/** One emoji is one grapheme cluster (👍🏽 and 👨‍👩‍👧 included); "" removes our reaction. */
const segmenter = new Intl.Segmenter('en', { granularity: 'grapheme' });
function isOneGrapheme(text: string): boolean {
  // Each segment object holds a copy of the input: stop at the second one, never spread them all.
  const it = segmenter.segment(text)[Symbol.iterator]();
  return !it.next().done && it.next().done === true;
}
export const reactSchema = z.strictObject({
  emoji: z
    .string()
    // abort: a string over the bound is refused without running the emoji check over it.
    .max(32, { abort: true })
    .refine(
      (e) => e === '' || (isOneGrapheme(e) && /\p{Extended_Pictographic}|\p{Regional_Indicator}|\u20E3/u.test(e)),
      {
        message: 'must be a single emoji, or "" to remove the reaction',
      },
    )
    .describe('One emoji; an empty string removes our reaction')
    .meta({ examples: ['👍'] }),
});
export type ReactInput = z.infer<typeof reactSchema>;

export const forwardSchema = z.strictObject({
  to: z
    .string()
    .min(1)
    .max(128)
    .describe('Where to forward it: a phone number or a JID')
    .meta({ examples: ['+14155550123'] }),
});
export type ForwardInput = z.infer<typeof forwardSchema>;

/** A WhatsApp key, as received in webhooks (`key.id`, `key.remoteJid`, …) in wagate's words. */
export const waKeySchema = z.strictObject({
  id: z.string().min(1).max(128).describe("WhatsApp's message id (`wa_id`)"),
  chat: z.string().min(1).max(128).describe('The chat: phone number or JID'),
  from_me: z.boolean().optional().describe('Whether we sent it (default false: receipts are for received messages)'),
  participant: z.string().min(1).max(128).optional().describe('In groups: who sent it'),
});

export const markReadSchema = z
  .strictObject({
    message_ids: z
      .array(z.string().min(1).max(64))
      .min(1)
      .max(100)
      .optional()
      .describe('Received messages of this session (`msg_…`)'),
    keys: z
      .array(waKeySchema)
      .min(1)
      .max(100)
      .optional()
      .describe('WhatsApp keys of received messages (e.g. from a webhook)'),
  })
  .refine((v) => v.message_ids !== undefined || v.keys !== undefined, {
    message: 'give message_ids or keys',
    path: ['message_ids'],
  });
export type MarkReadInput = z.infer<typeof markReadSchema>;

export { PRESENCES };
export const presenceSchema = z
  .strictObject({
    presence: z
      .enum(PRESENCES)
      .describe('composing/recording/paused show in the chat `to`; available/unavailable is your online status'),
    to: z
      .string()
      .min(1)
      .max(128)
      .optional()
      .describe('The chat (phone number or JID); required for composing, recording and paused'),
  })
  .refine((v) => v.to !== undefined || v.presence === 'available' || v.presence === 'unavailable', {
    message: 'to is required for composing, recording and paused',
    path: ['to'],
  });
export type PresenceInput = z.infer<typeof presenceSchema>;

export function toMarkRead(b: MarkReadInput): MarkRead {
  const keys = b.keys?.map((k, i) => ({
    chat: normalizeChatId(k.chat, `keys.${i}.chat`),
    waId: k.id,
    fromMe: k.from_me ?? false,
    participant: k.participant === undefined ? null : normalizeChatId(k.participant, `keys.${i}.participant`),
  }));
  return { ...(b.message_ids ? { messageIds: b.message_ids } : {}), ...(keys ? { keys } : {}) };
}

export const markReadFieldNames = renameFields({ messageIds: 'message_ids' });

export function toSetPresence(b: PresenceInput): SetPresence {
  return { presence: b.presence, to: b.to === undefined ? null : normalizeChatId(b.to, 'to') };
}

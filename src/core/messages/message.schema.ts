// Input rules for sending (issue 4: text; the messaging issue adds every other kind here once).
import { z } from 'zod';

/** WhatsApp accepts up to 65,536 characters in a text message. */
export const MAX_TEXT_LENGTH = 65_536;

export const sendMessageSchema = z.strictObject({
  to: z
    .string()
    .min(1)
    .max(128)
    .describe('Recipient: a phone number in international format (with or without +) or a JID (…@s.whatsapp.net, …@g.us, …@lid, …@newsletter)')
    .meta({ examples: ['+14155550123'] }),
  text: z.string().min(1).max(MAX_TEXT_LENGTH).describe('Message text').meta({ examples: ['Hello from wagate'] }),
});

export type SendMessageInput = z.infer<typeof sendMessageSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255)
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .describe('Makes the send safe to retry: the same key on the same session returns the same message');

export const listMessagesSchema = z.strictObject({
  direction: z.enum(['in', 'out']).optional(),
  chat: z.string().min(1).max(128).optional(),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(200).optional(),
});

export type ListMessagesInput = z.infer<typeof listMessagesSchema>;

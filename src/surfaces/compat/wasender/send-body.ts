// WasenderApi's one send body (API-CATALOG.md §4.4 C25): no `kind` field, the kind is the media,
// contact, location or poll field present (else text); `text` is the caption of media; `replyTo`
// is an integer msgId; coordinates may be strings. Parsed here into the core's SendMessage.
import { z } from 'zod';
import { normalizeChatId, normalizePhone } from '../../../core/chats/chat-id.js';
import type { SendContent, SendMessage } from '../../../core/messages/message.commands.js';
import { WasenderValidationError } from './errors.js';

const coordinate = z.union([
  z.number(),
  z
    .string()
    .trim()
    .regex(/^-?\d+(\.\d+)?$/, 'must be a number'),
]);

export const sendBody = z.object({
  to: z.string().trim().min(1, 'is required.').max(128),
  text: z.string().max(65_536).optional(),
  imageUrl: z.string().min(1).max(2048).optional(),
  videoUrl: z.string().min(1).max(2048).optional(),
  documentUrl: z.string().min(1).max(2048).optional(),
  audioUrl: z.string().min(1).max(2048).optional(),
  stickerUrl: z.string().min(1).max(2048).optional(),
  fileName: z.string().min(1).max(255).optional(),
  contact: z.object({ name: z.string().min(1).max(256), phone: z.string().min(1).max(32) }).optional(),
  location: z
    .object({
      latitude: coordinate,
      longitude: coordinate,
      name: z.string().max(256).optional(),
      address: z.string().max(1024).optional(),
    })
    .optional(),
  poll: z
    .object({
      question: z.string().min(1).max(255),
      options: z.array(z.string().min(1).max(100)).min(2).max(12),
      multiSelect: z.boolean().optional(),
    })
    .optional(),
  replyTo: z.number().int().positive().optional(),
  mentions: z.array(z.string().min(1).max(128)).min(1).max(1024).optional(),
  viewOnce: z.boolean().optional(),
});
export type SendBody = z.infer<typeof sendBody>;

export const MEDIA_FIELDS = ['imageUrl', 'videoUrl', 'documentUrl', 'audioUrl', 'stickerUrl'] as const;
type MediaField = (typeof MEDIA_FIELDS)[number];
const KIND_OF: Record<MediaField, 'image' | 'video' | 'document' | 'audio' | 'sticker'> = {
  imageUrl: 'image',
  videoUrl: 'video',
  documentUrl: 'document',
  audioUrl: 'audio',
  stickerUrl: 'sticker',
};

function invalid(field: string, message: string): WasenderValidationError {
  return new WasenderValidationError({ [field]: [message] });
}

/** The media field the body carries (the first one; several are refused). */
export function mediaFieldOf(b: SendBody): MediaField | null {
  const present = MEDIA_FIELDS.filter((f) => b[f] !== undefined);
  if (present.length > 1)
    throw invalid(present[1] ?? 'imageUrl', `Only one media field per message (got ${present.join(', ')}).`);
  return present[0] ?? null;
}

function contentOf(b: SendBody): SendContent {
  const mediaField = mediaFieldOf(b);
  const caption = b.text ? { caption: b.text } : {};
  if (mediaField) {
    const kind = KIND_OF[mediaField];
    const media = { url: b[mediaField] ?? '' };
    if (kind === 'image' || kind === 'video') return { kind, media, ...caption };
    // The vendor always sends audio as a voice note.
    if (kind === 'audio') return { kind, media, voice: true };
    if (kind === 'sticker') return { kind, media };
    return { kind, media, ...(b.fileName ? { fileName: b.fileName } : {}), ...caption };
  }
  if (b.location) {
    const { latitude, longitude, name, address } = b.location;
    const lat = Number(latitude);
    const lng = Number(longitude);
    if (!(lat >= -90 && lat <= 90))
      throw invalid('location.latitude', 'The location.latitude must be between -90 and 90.');
    if (!(lng >= -180 && lng <= 180))
      throw invalid('location.longitude', 'The location.longitude must be between -180 and 180.');
    return {
      kind: 'location',
      latitude: lat,
      longitude: lng,
      ...(name ? { name } : {}),
      ...(address ? { address } : {}),
    };
  }
  if (b.contact) {
    return {
      kind: 'contact',
      contacts: [{ name: b.contact.name, phone: normalizePhone(b.contact.phone, 'contact.phone') }],
    };
  }
  if (b.poll) {
    if (new Set(b.poll.options).size !== b.poll.options.length)
      throw invalid('poll.options', 'The poll.options must be unique.');
    return {
      kind: 'poll',
      question: b.poll.question,
      options: b.poll.options,
      ...(b.poll.multiSelect !== undefined ? { multiSelect: b.poll.multiSelect } : {}),
    };
  }
  if (!b.text) throw invalid('text', 'The text field is required when no media is present.');
  return { kind: 'text', text: b.text };
}

/** The body → the core's command; `replyTo` is our message id, already resolved from its msgId. */
export function toSendMessage(b: SendBody, replyTo: string | undefined): SendMessage {
  const content = contentOf(b);
  if (b.viewOnce && !['image', 'video', 'audio'].includes(content.kind))
    throw invalid('viewOnce', 'The viewOnce field applies to imageUrl, videoUrl and audioUrl only.');
  const mentions = b.mentions?.map((m, i) => normalizeChatId(m, `mentions.${i}`));
  return {
    to: normalizeChatId(b.to, 'to'),
    content,
    ...(b.viewOnce ? { viewOnce: true } : {}),
    ...(mentions ? { mentions } : {}),
    ...(replyTo ? { replyTo } : {}),
  };
}

/** The core's field names (`content.media`, `replyTo`) → this body's. */
export function vendorField(b: SendBody, field: string): string {
  if (field.startsWith('content.media')) return mediaFieldOf(b) ?? 'imageUrl';
  if (field.startsWith('content.contacts')) return 'contact.phone';
  if (field.startsWith('content.')) return field.slice('content.'.length);
  return field;
}

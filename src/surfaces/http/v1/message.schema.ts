// The /v1 send body: it names its kind by the one content field it carries (`text`, `image`,
// `video`, `audio`, `document`, `sticker`, `location`, `contacts`, `poll`), plus the modifiers
// `view_once`, `reply_to` and `mentions`. Limits follow the seeds (API-CATALOG §3.3 B13, §4.4 C25)
// and WhatsApp's own. These schemas also feed the OpenAPI document; `toSendMessage` turns a body
// into the core's SendMessage command.
import { z } from 'zod';
import { normalizeChatId, normalizePhone } from '../../../core/chats/chat-id.js';
import type { MediaSource } from '../../../core/media/media.types.js';
import type { MessageListQuery, SendContent, SendMessage } from '../../../core/messages/message.commands.js';
import { renameFields, type FieldNames } from './field-names.js';

/** WhatsApp accepts up to 65,536 characters in a text message. */
export const MAX_TEXT_LENGTH = 65_536;
/** Captions of images, videos and documents. */
export const MAX_CAPTION_LENGTH = 1_024;
export const MAX_POLL_QUESTION_LENGTH = 255;
export const MAX_POLL_OPTION_LENGTH = 100;
export const MAX_CONTACTS = 20;
/** A group has at most 1,024 members: more mentions cannot mean anything. */
export const MAX_MENTIONS = 1_024;

/** The content fields; exactly one per message. */
export const CONTENT_FIELDS = [
  'text',
  'image',
  'video',
  'audio',
  'document',
  'sticker',
  'location',
  'contacts',
  'poll',
] as const;
export type ContentField = (typeof CONTENT_FIELDS)[number];

const caption = z
  .string()
  .min(1)
  .max(MAX_CAPTION_LENGTH)
  .describe(`Caption shown under the media (at most ${MAX_CAPTION_LENGTH} characters)`);

/** Where a file comes from: a public URL (fetched now) or an id from POST /v1/media. */
const mediaSource = {
  url: z
    .url({ protocol: /^https?$/ })
    .max(2048)
    .optional()
    .describe('A public http(s) URL of the file; fetched when the message is accepted'),
  media_id: z.string().min(1).max(64).optional().describe('The id of a file uploaded with POST /v1/media (`med_…`)'),
};

const exactlyOneSource = (v: { url?: unknown; media_id?: unknown }): boolean =>
  (v.url === undefined) !== (v.media_id === undefined);

const mediaSourceObject = <T extends z.ZodRawShape>(extra: T, what: string) =>
  z
    .strictObject({ ...mediaSource, ...extra })
    .refine((v) => exactlyOneSource(v as { url?: unknown; media_id?: unknown }), {
      message: 'give exactly one of url or media_id',
      path: ['url'],
    })
    .describe(what);

export const sendMessageSchema = z
  .strictObject({
    to: z
      .string()
      .min(1)
      .max(128)
      .describe(
        'Recipient: a phone number in international format (with or without +) or a JID (…@s.whatsapp.net, …@g.us, …@lid, …@newsletter)',
      )
      .meta({ examples: ['+14155550123'] }),
    text: z
      .string()
      .min(1)
      .max(MAX_TEXT_LENGTH)
      .optional()
      .describe('A text message')
      .meta({ examples: ['Hello from wagate'] }),
    image: mediaSourceObject({ caption: caption.optional() }, 'An image (JPEG, PNG or WebP)').optional(),
    video: mediaSourceObject({ caption: caption.optional() }, 'A video (MP4 or 3GPP)').optional(),
    audio: mediaSourceObject(
      { voice: z.boolean().optional().describe('Send as a voice note (push-to-talk); best with OGG/Opus audio') },
      'An audio file or voice note',
    ).optional(),
    document: mediaSourceObject(
      {
        file_name: z
          .string()
          .min(1)
          .max(255)
          .optional()
          .describe('The name the recipient sees (default: the uploaded name, else "file")'),
        mime_type: z
          .string()
          .max(255, { abort: true })
          .regex(/^[\w.+-]+\/[\w.+-]+$/, 'must be a MIME type such as application/pdf')
          .optional()
          .describe('Overrides the detected type shown to the recipient'),
        caption: caption.optional(),
      },
      'A document (any file)',
    ).optional(),
    sticker: mediaSourceObject({}, 'A sticker (WebP)').optional(),
    location: z
      .strictObject({
        latitude: z.number().min(-90).max(90),
        longitude: z.number().min(-180).max(180),
        name: z.string().min(1).max(256).optional().describe('Name of the place'),
        address: z.string().min(1).max(1024).optional(),
      })
      .optional()
      .describe('A location pin'),
    contacts: z
      .array(
        z.strictObject({
          name: z.string().min(1).max(256).describe('Display name on the card'),
          phone: z.string().min(1).max(32).describe('Phone number in international format'),
        }),
      )
      .min(1)
      .max(MAX_CONTACTS)
      .optional()
      .describe('One or more contact cards (vCards are generated)'),
    poll: z
      .strictObject({
        question: z.string().min(1).max(MAX_POLL_QUESTION_LENGTH),
        options: z
          .array(z.string().min(1).max(MAX_POLL_OPTION_LENGTH))
          .min(2)
          .max(12, { abort: true })
          .refine((o) => new Set(o).size === o.length, { message: 'options must be unique' }),
        multi_select: z.boolean().optional().describe('Allow choosing several options (default false)'),
      })
      .optional()
      .describe('A poll with 2 to 12 unique options'),
    view_once: z.boolean().optional().describe('Image, video or audio that the recipient can open once'),
    reply_to: z
      .string()
      .min(1)
      .max(64)
      .optional()
      .describe('Quote an earlier message of this session (`msg_…`, sent or received)'),
    mentions: z
      .array(z.string().min(1).max(128))
      .min(1)
      .max(MAX_MENTIONS)
      .optional()
      .describe('People to mention (phone numbers or JIDs); put `@<number>` in the text where each should appear'),
  })
  .superRefine((v, ctx) => {
    const present = CONTENT_FIELDS.filter((f) => v[f] !== undefined);
    if (present.length === 0) {
      ctx.addIssue({
        code: 'custom',
        path: ['text'],
        message: `one content field is required: ${CONTENT_FIELDS.join(', ')}`,
      });
    } else if (present.length > 1) {
      ctx.addIssue({
        code: 'custom',
        path: [present[1] ?? 'text'],
        message: `only one content field per message (got ${present.join(' and ')})`,
      });
    } else if (v.view_once && !['image', 'video', 'audio'].includes(present[0] ?? '')) {
      ctx.addIssue({
        code: 'custom',
        path: ['view_once'],
        message: 'view_once applies to image, video and audio only',
      });
    }
  });

export type SendMessageInput = z.input<typeof sendMessageSchema>;
export type SendMessageData = z.output<typeof sendMessageSchema>;

export const idempotencyKeySchema = z
  .string()
  .min(1)
  .max(255, { abort: true })
  .regex(/^[\x21-\x7e]+$/, 'must be printable ASCII without spaces')
  .describe('Makes the send safe to retry: the same key on the same session returns the same message');

export const listMessagesSchema = z.strictObject({
  direction: z.enum(['in', 'out']).optional(),
  chat: z.string().min(1).max(128).optional(),
  q: z.string().min(1).max(200).optional().describe('Only messages whose text contains this (case-insensitive)'),
  limit: z.coerce.number().int().min(1).max(100).optional(),
  cursor: z.string().min(1).max(200).optional(),
});

export type ListMessagesInput = z.infer<typeof listMessagesSchema>;

export type SendMessageBody = z.output<typeof sendMessageSchema>;

function source(m: { url?: string | undefined; media_id?: string | undefined }): MediaSource {
  return m.media_id !== undefined ? { mediaId: m.media_id } : { url: m.url ?? '' };
}

function content(b: SendMessageBody): SendContent {
  if (b.text !== undefined) return { kind: 'text', text: b.text };
  if (b.image)
    return { kind: 'image', media: source(b.image), ...(b.image.caption ? { caption: b.image.caption } : {}) };
  if (b.video)
    return { kind: 'video', media: source(b.video), ...(b.video.caption ? { caption: b.video.caption } : {}) };
  if (b.audio)
    return { kind: 'audio', media: source(b.audio), ...(b.audio.voice !== undefined ? { voice: b.audio.voice } : {}) };
  if (b.document) {
    const d = b.document;
    return {
      kind: 'document',
      media: source(d),
      ...(d.file_name !== undefined ? { fileName: d.file_name } : {}),
      ...(d.mime_type !== undefined ? { mimeType: d.mime_type } : {}),
      ...(d.caption ? { caption: d.caption } : {}),
    };
  }
  if (b.sticker) return { kind: 'sticker', media: source(b.sticker) };
  if (b.location) {
    const l = b.location;
    return {
      kind: 'location',
      latitude: l.latitude,
      longitude: l.longitude,
      ...(l.name ? { name: l.name } : {}),
      ...(l.address ? { address: l.address } : {}),
    };
  }
  if (b.contacts)
    return {
      kind: 'contact',
      contacts: b.contacts.map((c, i) => ({ name: c.name, phone: normalizePhone(c.phone, `contacts.${i}.phone`) })),
    };
  if (b.poll)
    return {
      kind: 'poll',
      question: b.poll.question,
      options: b.poll.options,
      ...(b.poll.multi_select !== undefined ? { multiSelect: b.poll.multi_select } : {}),
    };
  // sendMessageSchema guarantees one content field.
  throw new Error('send body without a content field passed validation');
}

/** A validated /v1 send body (and Idempotency-Key) → the core's SendMessage; recipients are parsed here. */
export function toSendMessage(b: SendMessageBody, idempotencyKey?: string): SendMessage {
  const to = normalizeChatId(b.to, 'to');
  const mentions = b.mentions?.map((m, i) => normalizeChatId(m, `mentions.${i}`));
  return {
    to,
    content: content(b),
    ...(b.view_once ? { viewOnce: true } : {}),
    ...(mentions ? { mentions } : {}),
    ...(b.reply_to !== undefined ? { replyTo: b.reply_to } : {}),
    ...(idempotencyKey !== undefined ? { idempotencyKey } : {}),
  };
}

/** The send command's field names → the body's: its media is under the content field (`image.url`). */
export function sendFieldNames(b: SendMessageBody): FieldNames {
  const kind = CONTENT_FIELDS.find((f) => b[f] !== undefined) ?? 'text';
  return renameFields({
    'content.media.mediaId': `${kind}.media_id`,
    'content.media': kind,
    replyTo: 'reply_to',
    viewOnce: 'view_once',
    idempotencyKey: 'Idempotency-Key',
  });
}

export function toMessageListQuery(q: ListMessagesInput): MessageListQuery {
  return {
    ...(q.direction ? { direction: q.direction } : {}),
    ...(q.chat !== undefined ? { chat: normalizeChatId(q.chat, 'chat') } : {}),
    ...(q.q !== undefined ? { search: q.q } : {}),
    ...(q.limit !== undefined ? { limit: q.limit } : {}),
    ...(q.cursor !== undefined ? { cursor: q.cursor } : {}),
  };
}

// A stored message's content back in the /v1 send body's shape (`{text}`, `{image: {media_id,
// caption}}`, …), so a client reads a message the way it wrote one.
import { z } from 'zod';
import type { MediaRef, OutgoingContent } from '../../../core/ports/engine.js';

export const contentJsonSchema = z.record(z.string(), z.unknown()).meta({
  id: 'MessageContent',
  description:
    'One content field (text, image, video, audio, document, sticker, location, contacts, poll, forward) plus view_once, mentions, reply_to, forwarded',
});

export const reactionJsonSchema = z
  .object({
    emoji: z.string(),
    from: z.string().nullable().describe('Who reacted (JID); null for us'),
    from_me: z.boolean(),
    at: z.string(),
  })
  .meta({ id: 'MessageReaction' });

function media(m: MediaRef): Record<string, unknown> {
  return {
    media_id: m.id,
    mimetype: m.mimetype,
    size: m.size,
    sha256: m.sha256,
    ...(m.fileName ? { file_name: m.fileName } : {}),
  };
}

function body(c: OutgoingContent): Record<string, unknown> {
  switch (c.kind) {
    case 'text':
      return { text: c.text };
    case 'image':
    case 'video':
      return { [c.kind]: { ...media(c.media), ...(c.caption ? { caption: c.caption } : {}) } };
    case 'audio':
      return { audio: { ...media(c.media), voice: c.voice } };
    case 'document':
      return {
        document: {
          ...media(c.media),
          file_name: c.fileName,
          mime_type: c.mimetype,
          ...(c.caption ? { caption: c.caption } : {}),
        },
      };
    case 'sticker':
      return { sticker: media(c.media) };
    case 'location':
      return {
        location: {
          latitude: c.latitude,
          longitude: c.longitude,
          ...(c.name ? { name: c.name } : {}),
          ...(c.address ? { address: c.address } : {}),
        },
      };
    case 'contact':
      return { contacts: c.contacts.map((x) => ({ name: x.name, phone: `+${x.phone}` })) };
    case 'poll':
      return { poll: { question: c.question, options: c.options, multi_select: c.multiSelect } };
    case 'forward':
      return {
        forward: {
          wa_id: c.original.ref.waId,
          chat: c.original.ref.chat,
          kind: c.original.kind,
          text: c.original.text,
        },
      };
  }
}

export function toContentJson(c: OutgoingContent): Record<string, unknown> {
  return {
    ...body(c),
    ...(c.viewOnce ? { view_once: true } : {}),
    ...(c.mentions?.length ? { mentions: c.mentions } : {}),
    ...(c.replyTo ? { reply_to: c.replyTo.messageId } : {}),
    ...(c.forwarded ? { forwarded: true } : {}),
  };
}

// sendMessage's `contentType`/`content`/`options` (API-CATALOG.md §6.4, E35) as a wagate send
// command. Media given inline (MessageMedia, options.media) is uploaded first; Buttons and List are
// refused as the original does today (WhatsApp no longer delivers them).
import type { SendContent, SendMessage } from '../../../core/messages/message.commands.js';
import type { MediaSource } from '../../../core/media/media.types.js';
import { categoryOf } from '../../../core/media/media.rules.js';
import { WwebjsReply } from './auth.js';
import { type Call, invalid, toJid } from './context.js';
import { chatName } from './objects.js';
import { contactOf } from './chat-view.js';

type Json = Record<string, unknown>;

const TYPES = 'string, MessageMedia, MessageMediaFromURL, Location, Buttons, List, Contact or Poll';

function obj(v: unknown, name: string): Json {
  if (!v || typeof v !== 'object' || Array.isArray(v)) throw invalid(`${name} must be an object`);
  return v as Json;
}

function num(o: Json, name: string): number {
  const v = typeof o[name] === 'string' ? Number(o[name]) : o[name];
  if (typeof v !== 'number' || !Number.isFinite(v)) throw invalid(`content.${name} must be a number`);
  return v;
}

const URL_KINDS: Array<[RegExp, 'image' | 'video' | 'audio']> = [
  [/\.(jpe?g|png|webp|gif)$/i, 'image'],
  [/\.(mp4|3gp|mov)$/i, 'video'],
  [/\.(mp3|ogg|opus|m4a|aac|wav)$/i, 'audio'],
];

function mediaContent(source: MediaSource, mimetype: string, opts: Json, fileName?: string): SendContent {
  const caption = typeof opts.caption === 'string' ? opts.caption : undefined;
  let kind = opts.sendMediaAsDocument ? 'document' : categoryOf(mimetype);
  if (opts.sendMediaAsSticker && kind === 'image') kind = 'sticker';
  if (kind === 'sticker') return { kind: 'sticker', media: source };
  if (kind === 'audio') return { kind: 'audio', media: source, voice: Boolean(opts.sendAudioAsVoice) };
  if (kind === 'image' || kind === 'video') return { kind, media: source, ...(caption ? { caption } : {}) };
  return {
    kind: 'document',
    media: source,
    ...(fileName ? { fileName } : {}),
    ...(mimetype ? { mimeType: mimetype } : {}),
    ...(caption ? { caption } : {}),
  };
}

async function upload(c: Call, m: Json, field: string): Promise<{ source: MediaSource; mimetype: string }> {
  if (typeof m.data !== 'string' || !m.data) throw invalid(`${field}.data is required (base64)`);
  if (typeof m.mimetype !== 'string' || !m.mimetype) throw invalid(`${field}.mimetype is required`);
  const record = await c.services.media.uploadBase64(c.scope, {
    base64: m.data,
    mimetype: m.mimetype,
    ...(typeof m.filename === 'string' && m.filename ? { fileName: m.filename } : {}),
  });
  return { source: { mediaId: record.id }, mimetype: record.mimetype };
}

async function contentOf(c: Call, type: unknown, content: unknown, opts: Json): Promise<SendContent> {
  switch (type) {
    case 'string': {
      if (typeof content !== 'string') throw invalid('content must be a string');
      if (opts.media) {
        const { source, mimetype } = await upload(c, obj(opts.media, 'options.media'), 'options.media');
        return mediaContent(source, mimetype, { ...opts, caption: content });
      }
      return { kind: 'text', text: content };
    }
    case 'MessageMediaFromURL': {
      if (typeof content !== 'string' || !/^https?:\/\//.test(content)) throw invalid('content must be a URL');
      const path = new URL(content).pathname;
      const kind = URL_KINDS.find(([re]) => re.test(path))?.[1];
      const caption = typeof opts.caption === 'string' ? { caption: opts.caption } : {};
      if (kind === 'audio') return { kind, media: { url: content }, voice: Boolean(opts.sendAudioAsVoice) };
      if (kind && !opts.sendMediaAsDocument) return { kind, media: { url: content }, ...caption };
      return { kind: 'document', media: { url: content }, fileName: path.split('/').pop() || 'file', ...caption };
    }
    case 'MessageMedia': {
      const m = obj(content, 'content');
      const { source, mimetype } = await upload(c, m, 'content');
      return mediaContent(source, mimetype, opts, typeof m.filename === 'string' ? m.filename : undefined);
    }
    case 'Location': {
      const o = obj(content, 'content');
      return {
        kind: 'location',
        latitude: num(o, 'latitude'),
        longitude: num(o, 'longitude'),
        ...(typeof o.description === 'string' ? { name: o.description } : {}),
      };
    }
    case 'Contact': {
      const o = obj(content, 'content');
      if (typeof o.contactId !== 'string' || !o.contactId) throw invalid('content.contactId is required');
      const jid = toJid(o.contactId, 'content.contactId');
      const phone = jid.split('@')[0] ?? '';
      if (!/^\d{6,15}$/.test(phone)) throw invalid('content.contactId must be a phone number id (…@c.us)');
      return { kind: 'contact', contacts: [{ name: chatName(jid, await contactOf(c, jid)), phone }] };
    }
    case 'Poll': {
      const o = obj(content, 'content');
      if (typeof o.pollName !== 'string' || !o.pollName) throw invalid('content.pollName is required');
      if (!Array.isArray(o.pollOptions) || o.pollOptions.length < 2) throw invalid('content.pollOptions: at least two');
      const pollOpts = (o.options ?? {}) as Json;
      return {
        kind: 'poll',
        question: o.pollName,
        options: o.pollOptions.map(String),
        multiSelect: Boolean(pollOpts.allowMultipleAnswers),
      };
    }
    case 'Buttons':
    case 'List':
      throw new WwebjsReply(500, { success: false, error: `${type} are no longer supported by WhatsApp` });
  }
  throw new WwebjsReply(404, { success: false, error: `contentType invalid, must be ${TYPES}` });
}

/** The WhatsApp key id of a serialized message id (`true_<chat>_<id>[_<author>]`) or a bare key id. */
export function keyIdOf(serialized: string): string {
  const parts = serialized.split('_');
  return parts.length >= 3 && (parts[0] === 'true' || parts[0] === 'false') ? (parts[2] ?? serialized) : serialized;
}

/** The send command of a sendMessage body (or a reply's `content`/`options`). */
export async function sendCommand(c: Call, to: string, type: unknown, content: unknown, options: unknown) {
  const opts = options === undefined || options === null ? {} : obj(options, 'options');
  const cmd: SendMessage = { to: toJid(to, 'chatId'), content: await contentOf(c, type, content, opts) };
  if (opts.isViewOnce === true) cmd.viewOnce = true;
  if (Array.isArray(opts.mentions))
    cmd.mentions = opts.mentions.filter((m) => typeof m === 'string').map((m) => toJid(m, 'options.mentions'));
  if (typeof opts.quotedMessageId === 'string') {
    const quoted = await c.services.messages.findByWaId(c.scope, c.sid, cmd.to, keyIdOf(opts.quotedMessageId));
    cmd.replyTo = quoted.id;
  }
  return cmd;
}

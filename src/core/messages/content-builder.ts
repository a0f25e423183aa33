// A validated send body → the content we store and the engine sends (OutgoingContent), with the
// row's kind and text. Media is fetched/checked now (MediaResolver.prepareForSend) and stored by
// media id; recipients named in `mentions` and contact cards are normalised; `reply_to` must be a
// message of the same session.
import { InvalidError, UpstreamError } from '../errors.js';
import type { MediaKind, MediaResolver, MediaSource } from '../media/media.types.js';
import type { Scope } from '../tokens/scope.js';
import type { ChatId, MediaRef, OutgoingBody, OutgoingContent } from '../ports/engine.js';
import { normalizeChatId } from './chat-id.js';
import type { SendMessageData } from './message.schema.js';
import type { Message } from './message.types.js';

export interface BuiltContent {
  content: OutgoingContent;
  kind: string;
  /** Text shown in lists and events: the text, caption, place name, contact names or poll question. */
  text: string | null;
}

export interface ContentBuilderDeps {
  /** The caller: media by id must be visible to it (a session key uses only its session's media). */
  scope: Scope;
  accountId: string;
  sessionId: string;
  media?: Pick<MediaResolver, 'prepareForSend'> | undefined;
  /** A message of the account by our id (reply_to), or null. */
  findMessage(id: string): Promise<Message | null>;
}

type MediaInput = { url?: string | undefined; media_id?: string | undefined };

async function mediaRef(deps: ContentBuilderDeps, input: MediaInput, kind: MediaKind, field: string): Promise<MediaRef> {
  if (!deps.media) throw new UpstreamError('MEDIA_UNAVAILABLE', 'Media is not configured on this server', { field, retryable: false });
  const source: MediaSource = input.media_id !== undefined ? { media_id: input.media_id } : { url: input.url ?? '' };
  const stored = await deps.media.prepareForSend(deps.scope, source, kind, field);
  return { id: stored.id, mimetype: stored.mimetype, size: stored.size, sha256: stored.sha256, fileName: stored.fileName };
}

function phoneDigits(value: string, field: string): string {
  const jid = normalizeChatId(value, field);
  if (!jid.endsWith('@s.whatsapp.net')) throw new InvalidError(`${field}: must be a phone number`, { field, code: 'INVALID_RECIPIENT' });
  return jid.split('@')[0] ?? '';
}

async function body(data: SendMessageData, deps: ContentBuilderDeps): Promise<{ body: OutgoingBody; text: string | null }> {
  if (data.text !== undefined) return { body: { kind: 'text', text: data.text }, text: data.text };
  if (data.image) {
    const caption = data.image.caption;
    return { body: { kind: 'image', media: await mediaRef(deps, data.image, 'image', 'image'), ...(caption ? { caption } : {}) }, text: caption ?? null };
  }
  if (data.video) {
    const caption = data.video.caption;
    return { body: { kind: 'video', media: await mediaRef(deps, data.video, 'video', 'video'), ...(caption ? { caption } : {}) }, text: caption ?? null };
  }
  if (data.audio) return { body: { kind: 'audio', media: await mediaRef(deps, data.audio, 'audio', 'audio'), voice: data.audio.voice ?? false }, text: null };
  if (data.document) {
    const d = data.document;
    const media = await mediaRef(deps, d, 'document', 'document');
    const fileName = d.file_name ?? media.fileName ?? 'file';
    return { body: { kind: 'document', media, fileName, mimetype: d.mime_type ?? media.mimetype, ...(d.caption ? { caption: d.caption } : {}) }, text: d.caption ?? null };
  }
  if (data.sticker) return { body: { kind: 'sticker', media: await mediaRef(deps, data.sticker, 'sticker', 'sticker') }, text: null };
  if (data.location) {
    const l = data.location;
    const place = { ...(l.name ? { name: l.name } : {}), ...(l.address ? { address: l.address } : {}) };
    return { body: { kind: 'location', latitude: l.latitude, longitude: l.longitude, ...place }, text: l.name ?? l.address ?? null };
  }
  if (data.contacts) {
    const contacts = data.contacts.map((c, i) => ({ name: c.name, phone: phoneDigits(c.phone, `contacts.${i}.phone`) }));
    return { body: { kind: 'contact', contacts }, text: contacts.map((c) => c.name).join(', ') };
  }
  if (data.poll) {
    const p = data.poll;
    return { body: { kind: 'poll', question: p.question, options: p.options, multiSelect: p.multi_select ?? false }, text: p.question };
  }
  // The schema guarantees one content field; this is a bug if reached.
  throw new InvalidError('one content field is required', { field: 'text' });
}

async function replyTo(data: SendMessageData, deps: ContentBuilderDeps): Promise<OutgoingContent['replyTo']> {
  if (data.reply_to === undefined) return undefined;
  const quoted = await deps.findMessage(data.reply_to);
  if (!quoted || quoted.sessionId !== deps.sessionId) {
    throw new InvalidError(`reply_to: no message ${data.reply_to} in this session`, { field: 'reply_to', code: 'INVALID_REPLY_TO' });
  }
  if (quoted.status === 'failed' || quoted.revokedAt) {
    throw new InvalidError(`reply_to: message ${data.reply_to} was ${quoted.status === 'failed' ? 'never sent' : 'deleted'} and cannot be quoted`, {
      field: 'reply_to',
      code: 'INVALID_REPLY_TO',
    });
  }
  return { messageId: quoted.id };
}

export async function buildContent(data: SendMessageData, deps: ContentBuilderDeps): Promise<BuiltContent> {
  const mentions: ChatId[] | undefined = data.mentions?.map((m, i) => normalizeChatId(m, `mentions.${i}`));
  const reply = await replyTo(data, deps);
  const built = await body(data, deps);
  const content: OutgoingContent = {
    ...built.body,
    ...(data.view_once ? { viewOnce: true } : {}),
    ...(mentions?.length ? { mentions: [...new Set(mentions)] } : {}),
    ...(reply ? { replyTo: reply } : {}),
  };
  return { content, kind: built.body.kind, text: built.text };
}

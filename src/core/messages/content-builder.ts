// A send command → the content we store and the engine sends (OutgoingContent), with the row's kind
// and text. Media is fetched/checked now (MediaResolver.prepareForSend) and stored by media id;
// `replyTo` must be a message of the same session. Errors name the command's fields
// (`content.media.url`, `replyTo`).
import { InvalidError, UpstreamError } from '../errors.js';
import type { MediaKind, MediaResolver, MediaSource } from '../media/media.types.js';
import type { Scope } from '../tokens/scope.js';
import type { MediaRef, OutgoingBody, OutgoingContent } from '../ports/engine.js';
import type { SendContent, SendMessage } from './message.commands.js';
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
  /** A message of the account by our id (replyTo), or null. */
  findMessage(id: string): Promise<Message | null>;
}

const MEDIA_FIELD = 'content.media';

async function mediaRef(deps: ContentBuilderDeps, source: MediaSource, kind: MediaKind): Promise<MediaRef> {
  if (!deps.media)
    throw new UpstreamError('MEDIA_UNAVAILABLE', 'Media is not configured on this server', {
      field: MEDIA_FIELD,
      retryable: false,
    });
  const stored = await deps.media.prepareForSend(deps.scope, source, kind, MEDIA_FIELD);
  return {
    id: stored.id,
    mimetype: stored.mimetype,
    size: stored.size,
    sha256: stored.sha256,
    fileName: stored.fileName,
  };
}

async function body(c: SendContent, deps: ContentBuilderDeps): Promise<{ body: OutgoingBody; text: string | null }> {
  switch (c.kind) {
    case 'text':
      return { body: { kind: 'text', text: c.text }, text: c.text };
    case 'image':
    case 'video':
      return {
        body: {
          kind: c.kind,
          media: await mediaRef(deps, c.media, c.kind),
          ...(c.caption ? { caption: c.caption } : {}),
        },
        text: c.caption ?? null,
      };
    case 'audio':
      return {
        body: { kind: 'audio', media: await mediaRef(deps, c.media, 'audio'), voice: c.voice ?? false },
        text: null,
      };
    case 'document': {
      const media = await mediaRef(deps, c.media, 'document');
      const fileName = c.fileName ?? media.fileName ?? 'file';
      return {
        body: {
          kind: 'document',
          media,
          fileName,
          mimetype: c.mimeType ?? media.mimetype,
          ...(c.caption ? { caption: c.caption } : {}),
        },
        text: c.caption ?? null,
      };
    }
    case 'sticker':
      return { body: { kind: 'sticker', media: await mediaRef(deps, c.media, 'sticker') }, text: null };
    case 'location': {
      const place = { ...(c.name ? { name: c.name } : {}), ...(c.address ? { address: c.address } : {}) };
      return {
        body: { kind: 'location', latitude: c.latitude, longitude: c.longitude, ...place },
        text: c.name ?? c.address ?? null,
      };
    }
    case 'contact':
      return { body: { kind: 'contact', contacts: c.contacts }, text: c.contacts.map((x) => x.name).join(', ') };
    case 'poll':
      return {
        body: { kind: 'poll', question: c.question, options: c.options, multiSelect: c.multiSelect ?? false },
        text: c.question,
      };
  }
}

async function replyTo(id: string | undefined, deps: ContentBuilderDeps): Promise<OutgoingContent['replyTo']> {
  if (id === undefined) return undefined;
  const quoted = await deps.findMessage(id);
  if (!quoted || quoted.sessionId !== deps.sessionId) {
    throw new InvalidError(`replyTo: no message ${id} in this session`, { field: 'replyTo', code: 'INVALID_REPLY_TO' });
  }
  if (quoted.status === 'failed' || quoted.revokedAt) {
    throw new InvalidError(
      `replyTo: message ${id} was ${quoted.status === 'failed' ? 'never sent' : 'deleted'} and cannot be quoted`,
      {
        field: 'replyTo',
        code: 'INVALID_REPLY_TO',
      },
    );
  }
  return { messageId: quoted.id };
}

/** Only a file a person opens can be view-once. */
const VIEW_ONCE_KINDS: ReadonlySet<SendContent['kind']> = new Set(['image', 'video', 'audio']);

export async function buildContent(cmd: SendMessage, deps: ContentBuilderDeps): Promise<BuiltContent> {
  if (cmd.viewOnce && !VIEW_ONCE_KINDS.has(cmd.content.kind)) {
    throw new InvalidError('viewOnce: applies to image, video and audio only', { field: 'viewOnce' });
  }
  const reply = await replyTo(cmd.replyTo, deps);
  const built = await body(cmd.content, deps);
  const content: OutgoingContent = {
    ...built.body,
    ...(cmd.viewOnce ? { viewOnce: true } : {}),
    ...(cmd.mentions?.length ? { mentions: [...new Set(cmd.mentions)] } : {}),
    ...(reply ? { replyTo: reply } : {}),
  };
  return { content, kind: built.body.kind, text: built.text };
}

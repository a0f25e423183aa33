// WabSync messages (§5.2's proposal, the three kinds the seed names): send-text, send-file (a URL
// or base64), send-location, and a message's state. Sends answer 201 once the message is stored
// (status `queued`); it then leaves in order and its status follows (GET /message/{id}, webhooks).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { normalizeChatId } from '../../../core/chats/chat-id.js';
import { AppError, InvalidError } from '../../../core/errors.js';
import type { SendContent } from '../../../core/messages/message.commands.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { scopeOf } from './auth.js';
import { ok, sessionOfCall } from './envelope.js';
import { fromUuid } from './ids.js';
import { toMessage } from './json.js';
import { FILE_TYPES, sendFileBody, sendLocationBody, sendTextBody, sessionParams } from './schemas.js';

type FileType = (typeof FILE_TYPES)[number];

const hide = { hide: true };

/** The core's field names (`content.media.url`) in this surface's words. */
const FIELDS: Array<[string, string]> = [
  ['content.media.url', 'url'],
  ['content.media.mediaId', 'base64'],
  ['content.media', 'url'],
  ['content.fileName', 'file_name'],
  ['content.mimeType', 'mime_type'],
  ['content.', ''],
];

async function inWabSyncTerms<T>(work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.field) {
      const hit = FIELDS.find(([from]) => err.field === from || err.field?.startsWith(from));
      if (hit) throw err.withField(`${hit[1]}${(err.field ?? '').slice(hit[0].length)}`.replace(/^\./, ''));
    }
    throw err;
  }
}

/** WabSync recipients: E.164, digits, JIDs, and whatsapp-web.js's `@c.us` form. */
function chatOf(to: string) {
  return normalizeChatId(to.trim().replace(/@c\.us$/i, '@s.whatsapp.net'), 'to');
}

function typeOfMime(mime: string): FileType {
  if (mime.startsWith('image/') && mime !== 'image/webp') return 'image';
  if (mime.startsWith('video/')) return 'video';
  if (mime.startsWith('audio/')) return 'audio';
  return 'document';
}

const EXTENSIONS: Record<string, FileType> = {
  jpg: 'image',
  jpeg: 'image',
  png: 'image',
  mp4: 'video',
  '3gp': 'video',
  mov: 'video',
  mp3: 'audio',
  ogg: 'audio',
  opus: 'audio',
  m4a: 'audio',
  aac: 'audio',
  amr: 'audio',
  wav: 'audio',
};

function typeOfName(name: string | undefined): FileType | undefined {
  const ext = name?.split(/[?#]/)[0]?.split('.').pop()?.toLowerCase();
  return ext ? EXTENSIONS[ext] : undefined;
}

export function registerWabSyncMessageRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const base = '/api/v1/message';

  async function send(scope: Scope, sessionId: string | undefined, to: string, content: SendContent) {
    const session = sessionOfCall(scope, sessionId);
    const { message } = await inWabSyncTerms(services.messages.send(scope, session, { to: chatOf(to), content }));
    return toMessage(message);
  }

  r.post(`${base}/send-text`, { schema: { ...hide, body: sendTextBody } }, async (req, reply) => {
    const b = req.body;
    const data = await send(scopeOf(req), b.session_id, b.to, { kind: 'text', text: b.text });
    return ok(reply, 201, 'Message queued', data);
  });

  r.post(`${base}/send-file`, { schema: { ...hide, body: sendFileBody } }, async (req, reply) => {
    const b = req.body;
    const scope = scopeOf(req);
    if ((b.url === undefined) === (b.base64 === undefined)) {
      throw new InvalidError('url: give either url or base64 (exactly one)', { field: 'url' });
    }
    sessionOfCall(scope, b.session_id); // refuse a wrong session before storing a file
    let media: { url: string } | { mediaId: string };
    let type: FileType;
    if (b.base64 !== undefined) {
      const stored = await services.media
        .uploadBase64(scope, {
          base64: b.base64,
          ...(b.mime_type ? { mimetype: b.mime_type } : {}),
          ...(b.file_name ? { fileName: b.file_name } : {}),
        })
        .catch((err: unknown) => {
          throw err instanceof AppError && err.field === 'mimetype' ? err.withField('mime_type') : err;
        });
      media = { mediaId: stored.id };
      type = b.type ?? typeOfMime(stored.mimetype);
    } else {
      media = { url: b.url as string };
      type =
        b.type ?? (b.mime_type ? typeOfMime(b.mime_type) : undefined) ?? typeOfName(b.file_name ?? b.url) ?? 'document';
    }
    const caption = b.caption ? { caption: b.caption } : {};
    const content: SendContent =
      type === 'document'
        ? {
            kind: 'document',
            media,
            ...caption,
            ...(b.file_name ? { fileName: b.file_name } : {}),
            ...(b.mime_type ? { mimeType: b.mime_type } : {}),
          }
        : type === 'audio'
          ? { kind: 'audio', media }
          : { kind: type, media, ...caption };
    return ok(reply, 201, 'Message queued', await send(scope, b.session_id, b.to, content));
  });

  r.post(`${base}/send-location`, { schema: { ...hide, body: sendLocationBody } }, async (req, reply) => {
    const b = req.body;
    const content: SendContent = {
      kind: 'location',
      latitude: b.latitude,
      longitude: b.longitude,
      ...(b.name !== undefined ? { name: b.name } : {}),
      ...(b.address !== undefined ? { address: b.address } : {}),
    };
    return ok(reply, 201, 'Message queued', await send(scopeOf(req), b.session_id, b.to, content));
  });

  r.get(`${base}/:id`, { schema: { ...hide, params: sessionParams } }, async (req, reply) =>
    ok(
      reply,
      200,
      'Message retrieved',
      toMessage(await services.messages.get(scopeOf(req), fromUuid('msg', req.params.id))),
    ),
  );
}

// Wapio's 8 message endpoints under /api (API-CATALOG §3.3). The send body is turned into /v1's
// send body and validated by the same schema, so both surfaces accept the same messages.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { normalizeChatId } from '../../../core/chats/chat-id.js';
import { PRESENCES } from '../../../core/messages/message.commands.js';
import type { CoreServices } from '../../../core/services.js';
import { parseInput } from '../../../core/validate.js';
import { getScope } from '../../http/plugins/auth.js';
import { idempotencyKeySchema, sendMessageSchema, toSendMessage } from '../../http/v1/message.schema.js';
import { sessionOfCall } from './auth.js';
import { WapioRefusal } from './errors.js';
import { fromWapioMessageId } from './ids.js';
import { toWapioMessageInfo, toWapioSendResult } from './message.json.js';

const MEDIA_KINDS = ['image', 'video', 'document', 'audio', 'sticker'] as const;

const sendBody = z.object({
  session_id: z.string().min(1).optional(),
  to: z.string().min(1).optional(),
  channel_id: z.string().min(1).optional(),
  kind: z.enum(['text', ...MEDIA_KINDS, 'location', 'contact', 'poll']).optional(),
  text: z.string().optional(),
  url: z.string().optional(),
  imageUrl: z.string().optional(),
  videoUrl: z.string().optional(),
  documentUrl: z.string().optional(),
  audioUrl: z.string().optional(),
  stickerUrl: z.string().optional(),
  caption: z.string().optional(),
  file_name: z.string().optional(),
  mime_type: z.string().optional(),
  viewOnce: z.boolean().optional(),
  quoted_message_id: z.string().optional(),
  mentions: z.array(z.string()).optional(),
  location: z
    .object({
      latitude: z.number(),
      longitude: z.number(),
      name: z.string().optional(),
      address: z.string().optional(),
    })
    .optional(),
  contact: z
    .object({
      fullName: z.string().optional(),
      phoneNumber: z.string().optional(),
      name: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  poll: z
    .object({ question: z.string(), options: z.array(z.string()), multiSelect: z.boolean().optional() })
    .optional(),
});
type SendBody = z.infer<typeof sendBody>;

/** The kind named, or the one the fields present imply. */
function kindOf(b: SendBody): string {
  if (b.kind) return b.kind;
  for (const k of MEDIA_KINDS) if (b[`${k}Url`] !== undefined) return k;
  if (b.location) return 'location';
  if (b.contact) return 'contact';
  if (b.poll) return 'poll';
  return 'text';
}

/** Wapio's body → /v1's send body (validated afterwards by /v1's schema). */
function toV1Body(b: SendBody, to: string): Record<string, unknown> {
  const kind = kindOf(b);
  const v1: Record<string, unknown> = { to };
  if (b.viewOnce) v1['view_once'] = true;
  if (b.quoted_message_id) v1['reply_to'] = fromWapioMessageId(b.quoted_message_id);
  if (b.mentions?.length) v1['mentions'] = b.mentions;
  if (kind === 'text') v1['text'] = b.text;
  else if (kind === 'location') {
    const { latitude, longitude, address, name } = b.location ?? { latitude: Number.NaN, longitude: Number.NaN };
    const where = address ?? name;
    v1['location'] = { latitude, longitude, ...(where ? { address: where } : {}) };
  } else if (kind === 'contact') {
    const name = b.contact?.fullName ?? b.contact?.name;
    const phone = b.contact?.phoneNumber ?? b.contact?.phone;
    v1['contacts'] = [{ name, phone }];
  } else if (kind === 'poll') {
    v1['poll'] = { question: b.poll?.question, options: b.poll?.options };
  } else {
    const url = b[`${kind as (typeof MEDIA_KINDS)[number]}Url`] ?? b.url;
    const media: Record<string, unknown> = { url };
    if (b.caption !== undefined && kind !== 'audio' && kind !== 'sticker') media['caption'] = b.caption;
    if (kind === 'document') {
      if (b.file_name !== undefined) media['file_name'] = b.file_name;
      if (b.mime_type !== undefined) media['mime_type'] = b.mime_type;
    }
    v1[kind] = media;
  }
  return v1;
}

const idParams = z.object({ messageId: z.string().min(1).max(128) });
const textBody = z.object({ text: z.string().min(1).max(65_536) });
const dispatched = { message: 'Dispatched' };

export function registerWapioMessageRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/send-message', { schema: { body: sendBody } }, async (req, reply) => {
    const header = req.headers['idempotency-key'];
    if (header === undefined || header === '') {
      throw new WapioRefusal(422, 'validation_error', 'Idempotency-Key header is required', 'Idempotency-Key');
    }
    const key = parseInput(idempotencyKeySchema, header, 'Idempotency-Key');
    const scope = getScope(req);
    const session = sessionOfCall(scope, req.body.session_id);
    const to = req.body.channel_id ?? req.body.to;
    if (to === undefined) throw new WapioRefusal(422, 'validation_error', 'Required', 'to');
    const v1 = parseInput(sendMessageSchema, toV1Body(req.body, to));
    const cmd = toSendMessage(v1, key);
    const { message, replayed } = await services.messages.send(scope, session, cmd);
    if (replayed) reply.header('idempotent-replayed', 'true');
    return reply.code(202).send(toWapioSendResult(message));
  });

  r.get('/api/messages/:messageId/info', { schema: { params: idParams } }, async (req) =>
    toWapioMessageInfo(await services.messages.get(getScope(req), fromWapioMessageId(req.params.messageId))),
  );

  r.delete('/api/messages/:messageId', { schema: { params: idParams } }, async (req) => {
    await services.messageActions.revoke(getScope(req), fromWapioMessageId(req.params.messageId));
    return dispatched;
  });

  const edit = async (
    req: { params: { messageId: string }; body: { text: string } } & Parameters<typeof getScope>[0],
  ) => {
    await services.messageActions.edit(getScope(req), fromWapioMessageId(req.params.messageId), req.body.text);
    return dispatched;
  };
  r.put('/api/messages/:messageId', { schema: { params: idParams, body: textBody } }, edit);
  r.post('/api/messages/:messageId/edit', { schema: { params: idParams, body: textBody } }, edit);

  r.post('/api/messages/:messageId/resend', { schema: { params: idParams } }, async (req) => {
    await services.messageActions.resend(getScope(req), fromWapioMessageId(req.params.messageId));
    return dispatched;
  });

  r.post(
    '/api/messages/read',
    {
      schema: {
        body: z.object({
          message_ids: z.array(z.string().min(1)).min(1),
          chat_jid: z.string().optional(),
          session_id: z.string().optional(),
        }),
      },
    },
    async (req) => {
      const scope = getScope(req);
      const ids = req.body.message_ids.map(fromWapioMessageId);
      // With a PAT the session is the messages' own.
      const first = ids[0] ?? '';
      const session = req.body.session_id
        ? sessionOfCall(scope, req.body.session_id)
        : scope.kind === 'session_key'
          ? scope.sessionId
          : (await services.messages.get(scope, first)).sessionId;
      await services.messageActions.markRead(scope, session, { messageIds: ids });
      return dispatched;
    },
  );

  r.post(
    '/api/send-presence-update',
    {
      schema: {
        body: z.object({ to: z.string().min(1), presence: z.enum(PRESENCES), session_id: z.string().optional() }),
      },
    },
    async (req) => {
      const scope = getScope(req);
      const session = sessionOfCall(scope, req.body.session_id);
      await services.messageActions.presence(scope, session, {
        presence: req.body.presence,
        to: normalizeChatId(req.body.to, 'to'),
      });
      return dispatched;
    },
  );
}

// WappSync compatibility surface (API-CATALOG.md §2, seed 000), mounted at /wappsync: four
// PascalCase routes under /api, a Bearer token that is a wagate session key (its session is the
// account's single "instance"), flat success bodies and `{error}` failures with 400/401/500.
// Everything it does goes through the core services; this file only translates the wire format.
import { createHash } from 'node:crypto';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { normalizeChatId, phoneOf } from '../../../core/chats/chat-id.js';
import { AppError, InvalidError, UnauthorizedError } from '../../../core/errors.js';
import type { SendContent } from '../../../core/messages/message.commands.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';

type SessionScope = Extract<Scope, { kind: 'session_key' }>;

/** WappSync documents 401 for a bad token and 400 for bad input; anything else is its 500. */
function statusOf(err: unknown): number {
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof AppError && err.code === 'VALIDATION_FAILED') return 400;
  if (err instanceof InvalidError) return 400;
  return 500;
}

/**
 * InstanceStatus documents `instanceId` as an integer while the sends call it a string: both are
 * derived from the session id (48 bits of its sha256, a safe JS integer), so they always agree.
 */
export function instanceNumber(sessionId: string): number {
  return Number.parseInt(createHash('sha256').update(sessionId).digest('hex').slice(0, 12), 16);
}

function field(body: unknown, name: string): string {
  const value = body && typeof body === 'object' ? (body as Record<string, unknown>)[name] : undefined;
  if (typeof value !== 'string' || value.trim() === '') throw new InvalidError(`${name}: required string`);
  return value;
}

/** WappSync chat ids follow whatsapp-web.js (`<digits>@c.us`); wagate's parser knows the other forms. */
function chatIdOf(body: unknown, name: string): string {
  const raw = field(body, name)
    .trim()
    .replace(/@c\.us$/i, '@s.whatsapp.net');
  return normalizeChatId(raw, name);
}

function kindOf(mimetype: string): 'image' | 'video' | 'audio' | 'document' {
  if (mimetype.startsWith('image/') && mimetype !== 'image/webp') return 'image';
  if (mimetype.startsWith('video/')) return 'video';
  if (mimetype.startsWith('audio/')) return 'audio';
  return 'document';
}

export async function registerWappSync(app: FastifyInstance, services: CoreServices): Promise<void> {
  await app.register(
    async (api) => {
      api.setErrorHandler((err, _req, reply) => {
        const status = statusOf(err);
        if (status === 500) api.log.error({ err }, 'wappsync request failed');
        const message =
          err instanceof Error && (err instanceof AppError || status !== 500) ? err.message : 'Internal server error';
        void reply.status(status).send({ error: message });
      });
      api.setNotFoundHandler((_req, reply) => {
        void reply.status(400).send({ error: 'unknown endpoint' });
      });

      async function scopeOf(req: FastifyRequest): Promise<SessionScope> {
        const header = req.headers.authorization ?? '';
        const match = /^Bearer\s+(\S+)$/i.exec(header);
        const scope = await services.tokens.authenticate(match?.[1]);
        if (scope.kind !== 'session_key') throw new UnauthorizedError('A session key is required (the instance token)');
        return scope;
      }

      async function send(req: FastifyRequest, reply: FastifyReply, content: SendContent, to: string, body: string) {
        const scope = await scopeOf(req);
        const { message } = await services.messages.send(scope, scope.sessionId, { to, content });
        return reply.send({
          status: 'success',
          instanceId: String(instanceNumber(scope.sessionId)),
          messageId: message.id,
          messageBody: body,
          timestamp: message.createdAt,
        });
      }

      api.post('/api/SendMessage', async (req, reply) => {
        await scopeOf(req);
        const to = chatIdOf(req.body, 'chatId');
        const text = field(req.body, 'message');
        return send(req, reply, { kind: 'text', text }, to, text);
      });

      api.post('/api/SendMedia', async (req, reply) => {
        const scope = await scopeOf(req);
        const to = chatIdOf(req.body, 'chatId');
        const base64 = field(req.body, 'mediaBase64');
        const fileName = field(req.body, 'mediaName');
        const media = await services.media.uploadBase64(scope, { base64, fileName });
        const kind = kindOf(media.mimetype);
        const source = { mediaId: media.id };
        const content: SendContent =
          kind === 'document' ? { kind, media: source, fileName, mimeType: media.mimetype } : { kind, media: source };
        return send(req, reply, content, to, fileName);
      });

      api.get('/api/InstanceStatus', async (req) => {
        const scope = await scopeOf(req);
        const session = await services.sessions.get(scope, scope.sessionId);
        return { status: 'success', instanceId: instanceNumber(session.id), instanceStatus: session.status };
      });

      api.post('/api/IsRegisteredUser', async (req) => {
        const scope = await scopeOf(req);
        const phone = phoneOf(chatIdOf(req.body, 'contactId'));
        if (!phone) throw new InvalidError('contactId: must be a phone number (<digits>@c.us)');
        // The core's numbers check: cached, and limited per session (a refusal is WappSync's 500).
        const [check] = await services.people.checkNumbers(scope, scope.sessionId, [phone]);
        return { status: 'success', isRegisteredUser: Boolean(check?.exists) };
      });
    },
    { prefix: '/wappsync' },
  );
}

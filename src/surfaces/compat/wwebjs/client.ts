// /client routes: getState (no session validation, as the original) and sendMessage.
import type { FastifyInstance } from 'fastify';
import type { SendContent } from '../../../core/messages/message.commands.js';
import type { CoreServices } from '../../../core/services.js';
import { scopeOf, WwebjsReply } from './auth.js';
import { connectedSession, validate } from './sessions.js';
import { fromWwebjsId, toWwebjsMessage } from './shapes.js';

interface SendBody {
  chatId?: unknown;
  contentType?: unknown;
  content?: unknown;
}

function contentOf(type: unknown, c: unknown): SendContent {
  const o = (c ?? {}) as Record<string, unknown>;
  switch (type) {
    case 'string':
      if (typeof c !== 'string') break;
      return { kind: 'text', text: c };
    case 'MessageMediaFromURL':
      if (typeof c !== 'string') break;
      return { kind: 'document', media: { url: c } };
    case 'Location':
      return {
        kind: 'location',
        latitude: Number(o.latitude),
        longitude: Number(o.longitude),
        ...(typeof o.description === 'string' ? { name: o.description } : {}),
      };
    case 'Poll':
      return {
        kind: 'poll',
        question: String(o.pollName ?? ''),
        options: Array.isArray(o.pollOptions) ? o.pollOptions.map(String) : [],
      };
    case 'Buttons':
    case 'List':
      throw new WwebjsReply(500, { success: false, error: `${type} are no longer supported by WhatsApp` });
  }
  throw new WwebjsReply(404, { success: false, error: 'invalid contentType' });
}

export function registerClientRoutes(app: FastifyInstance, services: CoreServices): void {
  app.get('/client/getState/:sessionId', async (req) => {
    const { v } = await validate(services, req);
    return { success: true, state: v.state };
  });

  app.post('/client/sendMessage/:sessionId', async (req) => {
    const session = await connectedSession(services, req);
    const body = (req.body ?? {}) as SendBody;
    if (typeof body.chatId !== 'string') throw new WwebjsReply(422, { success: false, error: 'chatId is required' });
    const content = contentOf(body.contentType, body.content);
    const { message } = await services.messages.send(scopeOf(req), session.id, {
      to: fromWwebjsId(body.chatId),
      content,
    });
    const me = await services.connections.me(scopeOf(req), session.id).catch(() => null);
    return { success: true, message: toWwebjsMessage(message, me?.jid ?? null) };
  });
}

// /client routes about the client itself: getState (no session validation, as the original),
// getClassInfo, getWWebVersion, sendMessage, presence, sendSeen, searchMessages.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { invalid, route, toJid } from './context.js';
import { sendCommand } from './send-content.js';
import { validate } from './sessions.js';
import { wid } from './shapes.js';

export function registerClientRoutes(app: FastifyInstance, services: CoreServices): void {
  app.get('/client/getState/:sessionId', async (req) => {
    const { v } = await validate(services, req);
    return { success: true, state: v.state };
  });

  route(app, services, 'GET', '/client/getClassInfo', async (c) => {
    const me = await services.connections.me(c.scope, c.sid);
    return {
      sessionInfo: { pushname: me.pushName ?? '', wid: wid(me.jid), me: wid(me.jid), platform: 'web' },
    };
  });

  route(app, services, 'GET', '/client/getWWebVersion', async () => ({ result: services.system.waWebVersion() }));

  route(app, services, 'POST', '/client/sendMessage', async (c) => {
    const cmd = await sendCommand(c, c.str('chatId'), c.body.contentType, c.body.content, c.body.options);
    const { message } = await services.messages.send(c.scope, c.sid, cmd);
    return { message: await c.message(await c.handedOver(message)) };
  });

  for (const [path, presence] of [
    ['/client/sendPresenceAvailable', 'available'],
    ['/client/sendPresenceUnavailable', 'unavailable'],
  ] as const)
    route(app, services, 'POST', path, async (c) => {
      await services.messageActions.presence(c.scope, c.sid, { presence, to: null });
      return { presence: null };
    });

  // Marks the chat's received messages read (read receipts), as whatsapp-web.js's sendSeen does.
  route(app, services, 'POST', '/client/sendSeen', async (c) => {
    const chat = c.jid();
    const { data } = await services.messages.list(c.scope, c.sid, { chat, direction: 'in', limit: 100 });
    const messageIds = data.filter((m) => m.waId).map((m) => m.id);
    if (messageIds.length > 0) await services.messageActions.markRead(c.scope, c.sid, { messageIds });
    return { result: true };
  });

  route(app, services, 'POST', '/client/searchMessages', async (c) => {
    const query = c.str('query');
    const o = (c.body.options ?? {}) as Record<string, unknown>;
    if (typeof o !== 'object') throw invalid('options must be an object');
    const limit = Number.isInteger(o.limit) ? Math.min(Math.max(o.limit as number, 1), 100) : 100;
    const chat = typeof o.chatId === 'string' && o.chatId ? toJid(o.chatId, 'options.chatId') : undefined;
    const { data } = await services.messages.list(c.scope, c.sid, {
      search: query,
      limit,
      ...(chat ? { chat } : {}),
    });
    return { messages: await Promise.all(data.map((m) => c.message(m))) };
  });
}

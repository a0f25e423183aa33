// /chat routes (body `{chatId}`): getClassInfo, clearMessages, clearState, delete, fetchMessages,
// getContact, sendStateRecording, sendStateTyping. An unknown chat is a clean 404 "Chat not Found".
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { chatObject, contactObject } from './chat-view.js';
import { type Call, invalid, route } from './context.js';

/** The chat of the body, known to the session (else 404 "Chat not Found"). */
async function knownChat(c: Call) {
  const chat = c.jid();
  await chatObject(c, chat);
  return chat;
}

export function registerChatRoutes(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'POST', '/chat/getClassInfo', async (c) => ({ chat: await chatObject(c, c.jid()) }));

  route(app, services, 'POST', '/chat/clearMessages', async (c) => {
    await services.chats.change(c.scope, c.sid, await knownChat(c), { action: 'clear' });
    return { clearMessages: true };
  });
  route(app, services, 'POST', '/chat/delete', async (c) => {
    await services.chats.change(c.scope, c.sid, await knownChat(c), { action: 'delete' });
    return { deleteChat: true };
  });

  // Oldest first, as whatsapp-web.js's fetchMessages; `fromMe` filters by direction.
  route(app, services, 'POST', '/chat/fetchMessages', async (c) => {
    const chat = await knownChat(c);
    const o = (c.body.searchOptions ?? {}) as Record<string, unknown>;
    if (typeof o !== 'object') throw invalid('searchOptions must be an object');
    const limit = Number.isInteger(o.limit) ? Math.min(Math.max(o.limit as number, 1), 100) : 100;
    const direction = o.fromMe === true ? 'out' : o.fromMe === false ? 'in' : undefined;
    const { data } = await services.messages.list(c.scope, c.sid, { chat, limit, ...(direction ? { direction } : {}) });
    return { messages: await Promise.all(data.reverse().map((m) => c.message(m))) };
  });

  route(app, services, 'POST', '/chat/getContact', async (c) => ({
    contact: await contactObject(c, await knownChat(c)),
  }));

  for (const [path, key, presence] of [
    ['/chat/sendStateTyping', 'sendStateTyping', 'composing'],
    ['/chat/sendStateRecording', 'sendStateRecording', 'recording'],
    ['/chat/clearState', 'clearState', 'paused'],
  ] as const)
    route(app, services, 'POST', path, async (c) => {
      await services.messageActions.presence(c.scope, c.sid, { presence, to: await knownChat(c) });
      return { [key]: true };
    });
}

// /client routes about chats and labels: getChats, getChatById, archive, pin, mute, markChatUnread,
// getLabels, getLabelById, addOrRemoveLabels, getChatLabels, getChatsByLabelId.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { WwebjsReply } from './auth.js';
import { chatList, chatObject } from './chat-view.js';
import { type Call, invalid, route } from './context.js';
import { toWwebjsLabel } from './objects.js';
import { seconds, toWwebjsId } from './shapes.js';

async function labelOf(c: Call, labelId: string) {
  const label = (await c.services.labels.list(c.scope, c.sid)).find((l) => l.id === labelId && !l.deleted);
  if (!label) throw new WwebjsReply(500, { success: false, error: `Label ${labelId} not found` });
  return label;
}

export function registerClientChatRoutes(app: FastifyInstance, services: CoreServices): void {
  registerChats(app, services);
  registerLabels(app, services);
}

function registerChats(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'GET', '/client/getChats', async (c) => ({ chats: await chatList(c) }));
  route(app, services, 'POST', '/client/getChatById', async (c) => ({ chat: await chatObject(c, c.jid()) }));

  const toggle = (path: string, action: 'archive' | 'pin', on: boolean) =>
    route(app, services, 'POST', path, async (c) => {
      await services.chats.change(c.scope, c.sid, c.jid(), { action, on });
      return { result: on };
    });
  toggle('/client/archiveChat', 'archive', true);
  toggle('/client/unarchiveChat', 'archive', false);
  toggle('/client/pinChat', 'pin', true);
  toggle('/client/unpinChat', 'pin', false);

  route(app, services, 'POST', '/client/muteChat', async (c) => {
    const date = c.optStr('unmuteDate');
    const until = date === undefined ? null : new Date(date);
    if (until && Number.isNaN(until.getTime())) throw invalid('unmuteDate must be a date');
    const s = await services.chats.change(c.scope, c.sid, c.jid(), { action: 'mute', until });
    return { mute: { isMuted: true, muteExpiration: until ? seconds(s.mutedUntil) : -1 } };
  });
  route(app, services, 'POST', '/client/unmuteChat', async (c) => {
    await services.chats.change(c.scope, c.sid, c.jid(), { action: 'unmute' });
    return { result: { isMuted: false, muteExpiration: 0 } };
  });
  route(app, services, 'POST', '/client/markChatUnread', async (c) => {
    await services.chats.change(c.scope, c.sid, c.jid(), { action: 'unread', on: true });
    return { mark: true };
  });
}

function registerLabels(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'POST', '/client/getLabels', async (c) => ({
    labels: (await services.labels.list(c.scope, c.sid)).filter((l) => !l.deleted).map(toWwebjsLabel),
  }));
  route(app, services, 'POST', '/client/getLabelById', async (c) => ({
    label: toWwebjsLabel(await labelOf(c, c.str('labelId'))),
  }));
  route(app, services, 'POST', '/client/getChatLabels', async (c) => ({
    chatLabels: (await services.labels.labelsOf(c.scope, c.sid, c.jid())).map(toWwebjsLabel),
  }));
  route(app, services, 'POST', '/client/getChatsByLabelId', async (c) => {
    const label = await labelOf(c, c.str('labelId'));
    const ids = new Set(await services.labels.chatsOf(c.scope, c.sid, label.id));
    return { chats: await chatList(c, (chat) => ids.has(chat)) };
  });
  // whatsapp-web.js semantics: each chat ends up with exactly `labelIds`.
  route(app, services, 'POST', '/client/addOrRemoveLabels', async (c) => {
    const wanted = new Set(c.strings('labelIds'));
    const chats = c.jids('chatIds');
    for (const id of wanted) await labelOf(c, id);
    const out = [];
    for (const chat of chats) {
      const current = new Set((await services.labels.labelsOf(c.scope, c.sid, chat)).map((l) => l.id));
      let labels = [...current];
      for (const id of wanted)
        if (!current.has(id))
          labels = (await services.labels.setOnChat(c.scope, c.sid, chat, id, true)).map((l) => l.id);
      for (const id of current)
        if (!wanted.has(id))
          labels = (await services.labels.setOnChat(c.scope, c.sid, chat, id, false)).map((l) => l.id);
      out.push({ chatId: chat, labelIds: labels });
    }
    return { labels: out.map((o) => ({ ...o, chatId: toWwebjsId(o.chatId) })) };
  });
}

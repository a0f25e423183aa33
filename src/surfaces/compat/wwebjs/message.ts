// /message routes (body `{chatId, messageId}`, the short key id): looked up in wagate's store, not
// only among the chat's last 100 messages as the original. Unknown: 500 "Message not Found" as the
// original answers.
import type { FastifyInstance } from 'fastify';
import { NotFoundError } from '../../../core/errors.js';
import type { Message } from '../../../core/messages/message.types.js';
import type { CoreServices } from '../../../core/services.js';
import { WwebjsReply } from './auth.js';
import { contactObject } from './chat-view.js';
import { type Call, invalid, route } from './context.js';
import { toWwebjsContact } from './objects.js';
import { keyIdOf, sendCommand } from './send-content.js';
import { contextOf, seconds, wid } from './shapes.js';

async function messageOf(c: Call): Promise<Message> {
  const chat = c.jid();
  const id = keyIdOf(c.str('messageId'));
  try {
    if (id.startsWith('msg_')) {
      // wagate's own id, as a send answered before WhatsApp's id was fixed
      const m = await c.services.messages.get(c.scope, id);
      if (m.sessionId === c.sid && m.chatId === chat) return m;
      throw new NotFoundError('MESSAGE_NOT_FOUND', 'not in this chat');
    }
    return await c.services.messages.findByWaId(c.scope, c.sid, chat, id);
  } catch (err) {
    if (err instanceof NotFoundError) throw new WwebjsReply(500, { success: false, error: 'Message not Found' });
    throw err;
  }
}

async function quotedOf(c: Call, m: Message): Promise<Message | null> {
  const ours = m.content?.replyTo?.messageId;
  if (ours) return c.services.messages.get(c.scope, ours).catch(() => null);
  const waId = contextOf(m).stanzaId;
  return waId ? c.services.messages.findByWaId(c.scope, c.sid, m.chatId, waId).catch(() => null) : null;
}

/** whatsapp-web.js MessageInfo from the message's status history (1:1: the chat is the one recipient). */
async function infoOf(c: Call, m: Message) {
  const { events } = await c.services.messages.get(c.scope, m.id);
  const at = (status: string) => events.find((e) => e.status === status)?.at ?? null;
  const who = wid(m.chatId)._serialized;
  const entry = (...statuses: string[]) => {
    const t = statuses.map(at).find(Boolean);
    return t ? [{ id: who, t: seconds(t) }] : [];
  };
  const delivery = entry('delivered', 'read', 'played');
  const read = entry('read', 'played');
  const played = entry('played');
  const one = m.chatId.endsWith('@g.us') ? 0 : 1;
  return {
    delivery,
    deliveryRemaining: Math.max(0, one - delivery.length),
    read,
    readRemaining: Math.max(0, one - read.length),
    played,
    playedRemaining: Math.max(0, one - played.length),
  };
}

async function mediaOf(c: Call, m: Message) {
  const [media] = await c.services.media.forMessage(c.scope, m.id);
  if (!media) throw new WwebjsReply(500, { success: false, error: 'Media not found' });
  const { stream } = await c.services.media.openPublic(`${media.token}.${media.ext}`);
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk));
  return {
    mimetype: media.mimetype,
    data: Buffer.concat(chunks).toString('base64'),
    filename: media.fileName,
    filesize: media.size,
  };
}

export function registerMessageRoutes(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'POST', '/message/getClassInfo', async (c) => ({
    message: await c.message(await messageOf(c)),
  }));
  route(app, services, 'POST', '/message/downloadMedia', async (c) => ({
    messageMedia: await mediaOf(c, await messageOf(c)),
  }));

  // Deleting for us only has no WhatsApp command wagate sends; for everyone it is a revoke.
  route(app, services, 'POST', '/message/delete', async (c) => {
    const m = await messageOf(c);
    if (!c.optBool('everyone', false)) throw invalid('everyone: only true (delete for everyone) is supported');
    await services.messageActions.revoke(c.scope, m.id);
    return { result: true };
  });
  route(app, services, 'POST', '/message/forward', async (c) => {
    const m = await messageOf(c);
    await services.messageActions.forward(c.scope, m.id, c.jid('destinationChatId'));
    return { result: true };
  });
  route(app, services, 'POST', '/message/react', async (c) => {
    const m = await messageOf(c);
    const reaction = c.body.reaction;
    if (typeof reaction !== 'string') throw invalid('reaction is required (an emoji, or "" to remove)');
    await services.messageActions.react(c.scope, m.id, reaction);
    return { result: true };
  });
  for (const [op, on] of [
    ['star', true],
    ['unstar', false],
  ] as const)
    route(app, services, 'POST', `/message/${op}`, async (c) => {
      await services.messageActions.star(c.scope, (await messageOf(c)).id, on);
      return { result: true };
    });

  route(app, services, 'POST', '/message/reply', async (c) => {
    const m = await messageOf(c);
    const to = c.optStr('destinationChatId') ?? c.str('chatId');
    const cmd = await sendCommand(c, to, 'string', c.body.content, c.body.options);
    const { message } = await services.messages.send(c.scope, c.sid, { ...cmd, replyTo: m.id });
    return { repliedMessage: await c.message(await c.handedOver(message)) };
  });
  route(app, services, 'POST', '/message/getInfo', async (c) => ({ info: await infoOf(c, await messageOf(c)) }));
  route(app, services, 'POST', '/message/getQuotedMessage', async (c) => {
    const quoted = await quotedOf(c, await messageOf(c));
    return quoted ? { quotedMessage: await c.message(quoted) } : {};
  });
  route(app, services, 'POST', '/message/getMentions', async (c) => {
    const m = await messageOf(c);
    const ids = (m.direction === 'out' ? m.content?.mentions : contextOf(m).mentionedJid) ?? [];
    const contacts = [];
    for (const id of ids) contacts.push(await contactObject(c, id).catch(() => toWwebjsContact({ jid: id })));
    return { contacts };
  });
  // No orders or payments in wagate's messages: absent, as the original answers for a plain message.
  route(app, services, 'POST', '/message/getOrder', async (c) => {
    await messageOf(c);
    return {};
  });
  route(app, services, 'POST', '/message/getPayment', async (c) => {
    await messageOf(c);
    return {};
  });
}

// Chat and GroupChat objects of a session's chats: the chat state, a display name from the stored
// contact or the group subject, and the last stored message.
import { isGroupChat, type ChatId } from '../../../core/chats/chat-id.js';
import type { ChatSummary } from '../../../core/chats/chat.types.js';
import { NotFoundError } from '../../../core/errors.js';
import type { GroupInfo } from '../../../core/ports/group-engine.js';
import { WwebjsReply } from './auth.js';
import type { Call } from './context.js';
import { chatName, toWwebjsChat, toWwebjsContact, toWwebjsGroupChat } from './objects.js';

type Json = Record<string, unknown>;

export async function contactOf(c: Call, jid: ChatId) {
  return c.services.people.getContact(c.scope, c.sid, jid).catch((err: unknown) => {
    if (err instanceof NotFoundError) return null;
    throw err;
  });
}

async function lastMessage(c: Call, chat: ChatId): Promise<Json | null> {
  const { data } = await c.services.messages.list(c.scope, c.sid, { chat, limit: 1 });
  return data[0] ? c.message(data[0]) : null;
}

async function chatOf(c: Call, s: ChatSummary, group: GroupInfo | null): Promise<Json> {
  if (group) return { ...toWwebjsGroupChat(group, s), lastMessage: await lastMessage(c, s.chatId) };
  const name = chatName(s.chatId, await contactOf(c, s.chatId));
  return toWwebjsChat(s, name, await lastMessage(c, s.chatId));
}

/** The Chat (or GroupChat) `chat`; 404 "Chat not Found" when the session knows nothing of it. */
export async function chatObject(c: Call, chat: ChatId): Promise<Json> {
  const s = await c.services.chats.get(c.scope, c.sid, chat);
  if (isGroupChat(chat)) return chatOf(c, s, await c.services.groups.get(c.scope, c.sid, chat));
  if (s.messageCount === 0 && !s.updatedAt && !(await contactOf(c, chat)))
    throw new WwebjsReply(404, { success: false, error: 'Chat not Found' });
  return chatOf(c, s, null);
}

/** The session's chats, most recent first (groups with their metadata). */
export async function chatList(c: Call, only?: (chat: ChatId) => boolean): Promise<Json[]> {
  const { data } = await c.services.chats.list(c.scope, c.sid, 100);
  const wanted = only ? data.filter((s) => only(s.chatId)) : data;
  const groups = wanted.some((s) => isGroupChat(s.chatId)) ? await c.services.groups.list(c.scope, c.sid) : [];
  const byId = new Map(groups.map((g) => [g.id, g]));
  const out: Json[] = [];
  for (const s of wanted) {
    if (isGroupChat(s.chatId) && !byId.has(s.chatId)) continue; // a group we left
    out.push(await chatOf(c, s, byId.get(s.chatId) ?? null));
  }
  return out;
}

/** The Contact of a person, 404 "Contact not Found" when WhatsApp does not know them. */
export async function contactObject(c: Call, person: ChatId): Promise<Json> {
  if (isGroupChat(person)) return toWwebjsContact({ jid: person });
  const stored = await contactOf(c, person);
  const me = await c.me();
  if (stored) return toWwebjsContact(stored, { isMe: stored.jid === me });
  const [check] = await c.services.people.checkNumbers(c.scope, c.sid, [person.split('@')[0] ?? person]);
  if (!check?.exists || !check.jid) throw new WwebjsReply(404, { success: false, error: 'Contact not Found' });
  return toWwebjsContact({ jid: check.jid, phone: check.phone }, { isMe: check.jid === me });
}

// Chat changes as Baileys app-state modifications, and Baileys' chats.update → the core's patch.
import type { ChatModification, WASocket } from 'baileys';
import type { ChatLastMessage, ChatStatePatch } from '../../core/chats/chat.types.js';
import type { ChatCommand } from '../../core/ports/people-engine.js';

/** "Muted forever" on WhatsApp is a mute end of -1; we store it as this date. */
export const MUTED_FOREVER = '9999-12-31T23:59:59.000Z';

export async function runChatCommand(sock: WASocket, c: ChatCommand): Promise<void> {
  if (c.action === 'editLabel') {
    const { id, name, color, deleted } = c.label;
    await sock.addLabel('', { id, name, color, deleted });
    return;
  }
  if (c.action === 'labelChat') {
    await (c.on ? sock.addChatLabel(c.chat, c.labelId) : sock.removeChatLabel(c.chat, c.labelId));
    return;
  }
  await sock.chatModify(modification(c), c.chat);
}

function modification(c: Exclude<ChatCommand, { action: 'editLabel' | 'labelChat' }>): ChatModification {
  switch (c.action) {
    case 'archive':
      return { archive: c.on, lastMessages: lastMessages(c.chat, c.last) };
    case 'pin':
      return { pin: c.on };
    case 'mute':
      return { mute: c.until };
    case 'unread':
      return { markRead: !c.on, lastMessages: lastMessages(c.chat, c.last) };
    case 'clear':
      return { clear: true, lastMessages: lastMessages(c.chat, c.last) } as unknown as ChatModification;
    case 'delete':
      return { delete: true, lastMessages: lastMessages(c.chat, c.last) };
  }
}

type LastMessages = Extract<ChatModification, { archive: boolean }>['lastMessages'];

function lastMessages(chat: string, last: ChatLastMessage | null): LastMessages {
  if (!last) return [];
  return [
    {
      key: {
        remoteJid: chat,
        id: last.waId,
        fromMe: last.fromMe,
        ...(last.participant ? { participant: last.participant } : {}),
      },
      messageTimestamp: last.timestamp,
    },
  ];
}

/** One entry of Baileys' chats.update → what changed, or null when nothing we keep did. */
export function chatPatchFrom(
  update: {
    archived?: boolean | null;
    pinned?: number | { toNumber(): number } | null;
    muteEndTime?: number | { toNumber(): number } | null;
    unreadCount?: number | null;
  },
  now: Date,
): ChatStatePatch | null {
  const patch: ChatStatePatch = {};
  const at = now.toISOString();
  if ('archived' in update && update.archived !== undefined) patch.archivedAt = update.archived ? at : null;
  if ('pinned' in update && update.pinned !== undefined) patch.pinnedAt = update.pinned ? at : null;
  if ('muteEndTime' in update && update.muteEndTime !== undefined) {
    const end = update.muteEndTime === null ? null : Number(update.muteEndTime);
    patch.mutedUntil = end === null || end === 0 ? null : end < 0 ? MUTED_FOREVER : new Date(end).toISOString();
  }
  // -1 is Baileys' "marked as unread"; 0 is read.
  if ('unreadCount' in update && update.unreadCount !== undefined && update.unreadCount !== null)
    patch.markedUnreadAt = update.unreadCount < 0 ? at : null;
  return Object.keys(patch).length > 0 ? patch : null;
}

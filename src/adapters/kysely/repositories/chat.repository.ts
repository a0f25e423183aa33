// Chat state rows (0008) and the chat list: messages grouped by chat, most recent first, with state.
import { sql, type Kysely, type Selectable } from 'kysely';
import type { ChatId } from '../../../core/chats/chat-id.js';
import type { ChatLastMessage, ChatState, ChatStatePatch, ChatSummary } from '../../../core/chats/chat.types.js';
import type { ChatListQuery, ChatRepository } from '../../../core/ports/chat-store.js';
import type { ChatsTable } from '../chat-schema.js';
import type { Database } from '../schema.js';

const NO_STATE = { archivedAt: null, pinnedAt: null, mutedUntil: null, markedUnreadAt: null, updatedAt: null };

function toState(chatId: ChatId, row: Selectable<ChatsTable> | undefined): ChatState {
  if (!row) return { chatId, ...NO_STATE };
  return {
    chatId,
    archivedAt: row.archived_at,
    pinnedAt: row.pinned_at,
    mutedUntil: row.muted_until,
    markedUnreadAt: row.marked_unread_at,
    updatedAt: row.updated_at,
  };
}

export class KyselyChatRepository implements ChatRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async update(accountId: string, sessionId: string, chatId: ChatId, patch: ChatStatePatch, at: string) {
    const set = {
      ...(patch.archivedAt !== undefined ? { archived_at: patch.archivedAt } : {}),
      ...(patch.pinnedAt !== undefined ? { pinned_at: patch.pinnedAt } : {}),
      ...(patch.mutedUntil !== undefined ? { muted_until: patch.mutedUntil } : {}),
      ...(patch.markedUnreadAt !== undefined ? { marked_unread_at: patch.markedUnreadAt } : {}),
      updated_at: at,
    };
    await this.db
      .insertInto('chats')
      .values({
        account_id: accountId,
        session_id: sessionId,
        chat_id: chatId,
        archived_at: null,
        pinned_at: null,
        muted_until: null,
        marked_unread_at: null,
        ...set,
      })
      .onConflict((oc) => oc.columns(['session_id', 'chat_id']).doUpdateSet(set))
      .execute();
    return toState(chatId, await this.row(accountId, sessionId, chatId));
  }

  private row(accountId: string, sessionId: string, chatId: ChatId) {
    return this.db
      .selectFrom('chats')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
  }

  async get(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatSummary | null> {
    const row = await this.row(accountId, sessionId, chatId);
    const stats = await this.db
      .selectFrom('messages')
      .select((eb) => [eb.fn.max('created_at').as('last_at'), eb.fn.countAll<number | string>().as('n')])
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('chat_id', '=', chatId)
      .executeTakeFirst();
    const count = Number(stats?.n ?? 0);
    if (!row && count === 0) return null;
    return { ...toState(chatId, row), lastMessageAt: (stats?.last_at as string | null) ?? null, messageCount: count };
  }

  async list(accountId: string, sessionId: string, query: ChatListQuery): Promise<ChatSummary[]> {
    let q = this.db
      .selectFrom('messages')
      .select((eb) => ['chat_id', eb.fn.max('created_at').as('last_at'), eb.fn.countAll<number | string>().as('n')])
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .groupBy('chat_id');
    const before = query.before;
    if (before)
      q = q.having((eb) =>
        eb.or([
          eb(eb.fn.max('created_at'), '<', before.lastMessageAt),
          eb.and([eb(eb.fn.max('created_at'), '=', before.lastMessageAt), eb('chat_id', '<', before.chatId)]),
        ]),
      );
    const groups = await q
      .orderBy(sql`max(created_at)`, 'desc')
      .orderBy('chat_id', 'desc')
      .limit(query.limit)
      .execute();
    if (groups.length === 0) return [];
    const rows = await this.db
      .selectFrom('chats')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where(
        'chat_id',
        'in',
        groups.map((g) => g.chat_id),
      )
      .execute();
    const byChat = new Map(rows.map((r) => [r.chat_id, r]));
    return groups.map((g) => ({
      ...toState(g.chat_id, byChat.get(g.chat_id)),
      lastMessageAt: (g.last_at as string | null) ?? null,
      messageCount: Number(g.n),
    }));
  }

  lastMessage(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatLastMessage | null> {
    return this.endMessage(accountId, sessionId, chatId, 'last');
  }

  oldestMessage(accountId: string, sessionId: string, chatId: ChatId): Promise<ChatLastMessage | null> {
    return this.endMessage(accountId, sessionId, chatId, 'oldest');
  }

  /**
   * By WhatsApp time, then id: messages fetched from the phone's history are stored after newer
   * ones, so the order of storage is not the chat's order.
   */
  private async endMessage(
    accountId: string,
    sessionId: string,
    chatId: ChatId,
    end: 'last' | 'oldest',
  ): Promise<ChatLastMessage | null> {
    let query = this.db
      .selectFrom('messages')
      .select(['wa_id', 'direction', 'sender_jid', 'sender_lid', 'wa_timestamp', 'created_at'])
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('chat_id', '=', chatId)
      .where('wa_id', 'is not', null);
    const order = end === 'last' ? 'desc' : 'asc';
    query = query.orderBy(sql`coalesce(wa_timestamp, created_at)`, order).orderBy('id', order);
    const row = await query.limit(1).executeTakeFirst();
    if (!row?.wa_id) return null;
    const at = Date.parse(row.wa_timestamp ?? row.created_at);
    return {
      waId: row.wa_id,
      fromMe: row.direction === 'out',
      participant: row.direction === 'in' ? (row.sender_jid ?? row.sender_lid) : null,
      timestamp: Math.floor((Number.isFinite(at) ? at : Date.now()) / 1000),
    };
  }
}

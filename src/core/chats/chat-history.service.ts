// On-demand history (issue 12): ask the linked phone for older messages of a chat than wagate
// holds. The request names the oldest stored message; the phone answers later, and the messages
// are stored and announced by the runtime (recorders/history-recorder.ts, messages.history).
import { InvalidError } from '../errors.js';
import { chatIdKind, type ChatId } from './chat-id.js';
import { chatId, type ChatServiceDeps } from './chat.service.js';
import { targetOf } from '../ports/session-router.js';
import type { Scope } from '../tokens/scope.js';
import { assertConnected } from '../messages/message.service.js';

/** Most messages one on-demand history request asks the phone for (WhatsApp Web asks 50 at a time). */
export const HISTORY_MAX_COUNT = 50;

/** An on-demand history request that went to the phone; its messages come as a messages.history event. */
export interface HistoryRequested {
  /** The id the messages.history event names (the request's WhatsApp message id). */
  requestId: string;
  chat: ChatId;
  count: number;
  /** WhatsApp id of the oldest message wagate held, which the phone answers from (null: none held). */
  before: string | null;
}

export class ChatHistoryService {
  constructor(private readonly deps: Pick<ChatServiceDeps, 'store' | 'sessions' | 'router'>) {}

  /** Asks the phone for up to `count` messages of `chat` older than the oldest one stored. */
  async request(scope: Scope, sessionRef: string, chat: string, count: number): Promise<HistoryRequested> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    if (!Number.isInteger(count) || count < 1 || count > HISTORY_MAX_COUNT)
      throw new InvalidError(`count: must be a whole number from 1 to ${HISTORY_MAX_COUNT}`, { field: 'count' });
    const id = chatId(chat);
    if (chatIdKind(id) === 'newsletter')
      throw new InvalidError('chat: a channel has no history on the phone', { field: 'chat' });
    assertConnected(session);
    const oldest = await this.deps.store.chats.oldestMessage(session.accountId, session.id, id);
    const { requestId } = await this.deps.router.dispatch(targetOf(session), {
      op: 'history',
      request: {
        chat: id,
        count,
        oldest: oldest
          ? {
              ref: { chat: id, waId: oldest.waId, fromMe: oldest.fromMe, participant: oldest.participant },
              timestampMs: oldest.timestamp * 1000,
            }
          : null,
      },
    });
    return { requestId, chat: id, count, before: oldest?.waId ?? null };
  }
}

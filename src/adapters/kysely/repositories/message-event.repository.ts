import type { Kysely } from 'kysely';
import type { MessageEventRepository } from '../../../core/ports/message-store.js';
import type { MessageEvent } from '../../../core/messages/message.types.js';
import { toMessageEvent } from '../message-rows.js';
import type { Database } from '../schema.js';

export class KyselyMessageEventRepository implements MessageEventRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(event: MessageEvent): Promise<void> {
    await this.db
      .insertInto('message_events')
      .values({
        id: event.id,
        message_id: event.messageId,
        status: event.status,
        detail: event.detail ? JSON.stringify(event.detail) : null,
        at: event.at,
      })
      .execute();
  }

  async listForMessage(messageId: string): Promise<MessageEvent[]> {
    const rows = await this.db
      .selectFrom('message_events')
      .selectAll()
      .where('message_id', '=', messageId)
      .orderBy('id', 'asc')
      .execute();
    return rows.map(toMessageEvent);
  }
}

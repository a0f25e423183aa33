// Labels and label ↔ chat associations (0010).
import type { Kysely, Selectable } from 'kysely';
import type { ChatId } from '../../../core/chats/chat-id.js';
import type { Label, LabelRepository } from '../../../core/ports/label-store.js';
import type { LabelsTable } from '../chat-schema.js';
import type { Database } from '../schema.js';

const toLabel = (r: Selectable<LabelsTable>): Label => ({
  id: r.label_id,
  name: r.name,
  color: Number(r.color),
  deleted: r.deleted_at !== null,
});

export class KyselyLabelRepository implements LabelRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async upsert(accountId: string, sessionId: string, label: Label, at: string): Promise<void> {
    const set = { name: label.name, color: label.color, deleted_at: label.deleted ? at : null, updated_at: at };
    await this.db
      .insertInto('labels')
      .values({ account_id: accountId, session_id: sessionId, label_id: label.id, ...set })
      .onConflict((oc) => oc.columns(['session_id', 'label_id']).doUpdateSet(set))
      .execute();
  }

  async list(accountId: string, sessionId: string): Promise<Label[]> {
    const rows = await this.db
      .selectFrom('labels')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('deleted_at', 'is', null)
      .execute();
    return rows.map(toLabel).sort((a, b) => Number(a.id) - Number(b.id) || a.id.localeCompare(b.id));
  }

  async get(accountId: string, sessionId: string, labelId: string): Promise<Label | null> {
    const row = await this.db
      .selectFrom('labels')
      .selectAll()
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('label_id', '=', labelId)
      .executeTakeFirst();
    return row ? toLabel(row) : null;
  }

  async setChat(accountId: string, sessionId: string, labelId: string, chat: ChatId, on: boolean): Promise<void> {
    if (on)
      await this.db
        .insertInto('label_chats')
        .values({ account_id: accountId, session_id: sessionId, label_id: labelId, chat_id: chat })
        .onConflict((oc) => oc.doNothing())
        .execute();
    else
      await this.db
        .deleteFrom('label_chats')
        .where('account_id', '=', accountId)
        .where('session_id', '=', sessionId)
        .where('label_id', '=', labelId)
        .where('chat_id', '=', chat)
        .execute();
  }

  async chatsOf(accountId: string, sessionId: string, labelId: string): Promise<ChatId[]> {
    const rows = await this.db
      .selectFrom('label_chats')
      .select('chat_id')
      .where('account_id', '=', accountId)
      .where('session_id', '=', sessionId)
      .where('label_id', '=', labelId)
      .orderBy('chat_id')
      .execute();
    return rows.map((r) => r.chat_id);
  }

  async labelsOf(accountId: string, sessionId: string, chat: ChatId): Promise<Label[]> {
    const rows = await this.db
      .selectFrom('label_chats')
      .innerJoin('labels', (j) =>
        j
          .onRef('labels.session_id', '=', 'label_chats.session_id')
          .onRef('labels.label_id', '=', 'label_chats.label_id'),
      )
      .selectAll('labels')
      .where('label_chats.account_id', '=', accountId)
      .where('label_chats.session_id', '=', sessionId)
      .where('label_chats.chat_id', '=', chat)
      .where('labels.deleted_at', 'is', null)
      .execute();
    return rows.map(toLabel);
  }
}

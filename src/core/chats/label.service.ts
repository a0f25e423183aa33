// Labels of a business account's chats: list, create, rename/recolour, delete; which chats carry a
// label and which labels a chat carries; put a label on a chat or take it off. Changes go through
// app state (the phone follows) and are stored when WhatsApp took them.
import { InvalidError, NotFoundError } from '../errors.js';
import { normalizeChatId, type ChatId } from './chat-id.js';
import type { Clock } from '../ports/clock.js';
import type { Label } from '../ports/label-store.js';
import type { ChatCommand } from '../ports/people-engine.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { Store } from '../ports/store.js';
import type { Session } from '../sessions/session.types.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Scope } from '../tokens/scope.js';
import { assertConnected } from '../messages/message.service.js';

export interface LabelServiceDeps {
  store: Pick<Store, 'labels'>;
  sessions: SessionService;
  router: SessionRouter;
  clock: Clock;
}

/** WhatsApp Business has 20 label colours (0–19). */
export const LABEL_COLORS = 20;

export class LabelService {
  constructor(private readonly deps: LabelServiceDeps) {}

  private async connected(scope: Scope, sessionRef: string): Promise<Session> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    return session;
  }

  private async send(session: Session, command: ChatCommand): Promise<void> {
    await this.deps.router.dispatch(targetOf(session), { op: 'chat', command });
  }

  async list(scope: Scope, sessionRef: string): Promise<Label[]> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    return this.deps.store.labels.list(session.accountId, session.id);
  }

  async create(scope: Scope, sessionRef: string, name: string, color = 0): Promise<Label> {
    const session = await this.connected(scope, sessionRef);
    const existing = await this.deps.store.labels.list(session.accountId, session.id);
    // WhatsApp's label ids are small integers chosen by the device that creates the label.
    const id = String(Math.max(0, ...existing.map((l) => Number(l.id) || 0)) + 1);
    return this.save(session, { id, name: checkedName(name), color: checkedColor(color), deleted: false });
  }

  async update(scope: Scope, sessionRef: string, labelId: string, change: { name?: string; color?: number }) {
    const session = await this.connected(scope, sessionRef);
    const label = await this.mustGet(session, labelId);
    return this.save(session, {
      ...label,
      ...(change.name !== undefined ? { name: checkedName(change.name) } : {}),
      ...(change.color !== undefined ? { color: checkedColor(change.color) } : {}),
    });
  }

  async remove(scope: Scope, sessionRef: string, labelId: string): Promise<void> {
    const session = await this.connected(scope, sessionRef);
    const label = await this.mustGet(session, labelId);
    await this.save(session, { ...label, deleted: true });
  }

  async chatsOf(scope: Scope, sessionRef: string, labelId: string): Promise<ChatId[]> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    await this.mustGet(session, labelId);
    return this.deps.store.labels.chatsOf(session.accountId, session.id, labelId);
  }

  async labelsOf(scope: Scope, sessionRef: string, chat: string): Promise<Label[]> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    return this.deps.store.labels.labelsOf(session.accountId, session.id, normalizeChatId(chat, 'chat'));
  }

  async setOnChat(scope: Scope, sessionRef: string, chat: string, labelId: string, on: boolean): Promise<Label[]> {
    const session = await this.connected(scope, sessionRef);
    const id = normalizeChatId(chat, 'chat');
    await this.mustGet(session, labelId);
    await this.send(session, { action: 'labelChat', chat: id, labelId, on });
    await this.deps.store.labels.setChat(session.accountId, session.id, labelId, id, on);
    return this.deps.store.labels.labelsOf(session.accountId, session.id, id);
  }

  private async save(session: Session, label: Label): Promise<Label> {
    await this.send(session, { action: 'editLabel', label });
    await this.deps.store.labels.upsert(session.accountId, session.id, label, this.deps.clock.now().toISOString());
    return label;
  }

  private async mustGet(session: Session, labelId: string): Promise<Label> {
    const label = await this.deps.store.labels.get(session.accountId, session.id, labelId.slice(0, 40));
    if (!label || label.deleted) throw new NotFoundError('LABEL_NOT_FOUND', `Label ${labelId.slice(0, 40)} not found`);
    return label;
  }
}

function checkedName(name: string): string {
  const value = name.trim();
  if (!value || value.length > 100) throw new InvalidError('name: 1 to 100 characters', { field: 'name' });
  return value;
}

function checkedColor(color: number): number {
  if (!Number.isInteger(color) || color < 0 || color >= LABEL_COLORS)
    throw new InvalidError(`color: an integer from 0 to ${LABEL_COLORS - 1}`, { field: 'color' });
  return color;
}

// How an edit, a revoke or a reaction changes a stored message, whoever made it (we through the
// API, the contact, or our phone): the message row, its history entry and the outbox event, all in
// the caller's transaction. Applying the same change twice changes nothing the second time and
// emits nothing, so a change that reaches us twice (our own echo, a redelivery) is recorded once.
import { newId } from '../../lib/ids.js';
import type { Person } from '../events/event.types.js';
import type { Outbox } from '../events/outbox.js';
import {
  messageDeletedEvent,
  messageEditedEvent,
  messageReactionEvent,
  type EventSessionRef,
} from '../events/producers.js';
import type { ChatId } from '../ports/engine.js';
import type { StoreRepositories } from '../ports/store.js';
import type { Message, MessageEventType, MessageReaction } from './message.types.js';

export interface ChangeContext {
  tx: StoreRepositories;
  session: EventSessionRef;
  now: string;
  outbox: Pick<Outbox, 'append'>;
}

/** The message acted on: stored (`message`) or only known by its WhatsApp id. */
export interface ChangeTarget {
  message: Message | null;
  waId: string;
  chat: ChatId;
}

async function history(
  ctx: ChangeContext,
  messageId: string,
  type: MessageEventType,
  detail: Record<string, unknown> | null,
): Promise<void> {
  await ctx.tx.messageEvents.insert({ id: newId('mev'), messageId, status: type, detail, at: ctx.now });
}

function eventRef(t: ChangeTarget, by: Person | null) {
  return { messageId: t.message?.id ?? null, waId: t.waId, chat: t.chat, by };
}

/** New text for a message; returns whether anything changed. */
export async function recordEdit(
  ctx: ChangeContext,
  t: ChangeTarget,
  text: string | null,
  by: Person | null,
): Promise<boolean> {
  const m = t.message;
  if (m && (text === null || m.text === text) && m.editedAt) return false;
  const previous = m?.text ?? null;
  if (m) {
    await ctx.tx.messages.update(m.id, { ...(text !== null ? { text } : {}), editedAt: ctx.now, updatedAt: ctx.now });
    await history(ctx, m.id, 'edited', { text, previous_text: previous, by: by?.jid ?? null });
  }
  await ctx.outbox.append(ctx.tx, messageEditedEvent(ctx.session, eventRef(t, by), text, previous));
  return true;
}

/** Deleted for everyone; returns whether anything changed. */
export async function recordRevoke(ctx: ChangeContext, t: ChangeTarget, by: Person | null): Promise<boolean> {
  const m = t.message;
  if (m?.revokedAt) return false;
  if (m) {
    await ctx.tx.messages.update(m.id, { revokedAt: ctx.now, updatedAt: ctx.now });
    await history(ctx, m.id, 'revoked', { by: by?.jid ?? null });
  }
  await ctx.outbox.append(ctx.tx, messageDeletedEvent(ctx.session, eventRef(t, by), true));
  return true;
}

/**
 * One reactor's reaction: it replaces their earlier one; "" removes it. `from` is the reactor's
 * JID, null for us. Returns whether anything changed.
 */
export async function recordReaction(
  ctx: ChangeContext,
  t: ChangeTarget,
  emoji: string,
  from: ChatId | null,
  by: Person | null,
): Promise<boolean> {
  const m = t.message;
  if (m) {
    const current = m.reactions ?? [];
    const mine = (r: MessageReaction) => (from === null ? r.fromMe : r.from === from);
    const before = current.find(mine);
    if ((before?.emoji ?? '') === emoji) return false;
    const reactions = current.filter((r) => !mine(r));
    if (emoji) reactions.push({ from, fromMe: from === null, emoji, at: ctx.now });
    await ctx.tx.messages.update(m.id, { reactions, updatedAt: ctx.now });
    await history(ctx, m.id, 'reaction', { emoji, from, previous: before?.emoji ?? null });
  }
  await ctx.outbox.append(ctx.tx, messageReactionEvent(ctx.session, eventRef(t, by), emoji));
  return true;
}

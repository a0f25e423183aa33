// Edits, revokes and reactions that reach the engine (from the contact, or from our own phone) are
// changes to an earlier message, not messages of their own: they update the stored message and
// append messages.edited / messages.deleted / messages.reaction.
//
// Our own API actions come back from Baileys as non-live fromMe echoes: the action service has
// already recorded them, so they are skipped here (the change functions are idempotent anyway).
import type { Outbox } from '../events/outbox.js';
import { personFrom } from '../events/producers.js';
import { recordEdit, recordReaction, recordRevoke, type ChangeTarget } from '../messages/message-changes.js';
import type { Message } from '../messages/message.types.js';
import type { InboundAction, InboundMessage } from '../ports/engine.js';
import type { StoreRepositories } from '../ports/store.js';
import type { RuntimeSessionRef } from './runtime.types.js';

export interface InboundActionContext {
  tx: StoreRepositories;
  ref: RuntimeSessionRef;
  now: string;
  outbox: Pick<Outbox, 'append'>;
}

/** Whether the author of `m` may edit or revoke `target` (only its own author may). */
function sameAuthor(target: Message, m: InboundMessage): boolean {
  if (m.fromMe) return target.direction === 'out';
  if (target.direction !== 'in' || target.chatId !== m.chat) return false;
  if (!m.chat.endsWith('@g.us')) return true;
  const s = target.sender;
  return Boolean(s && ((m.senderJid && s.jid === m.senderJid) || (m.senderLid && s.lid === m.senderLid)));
}

export async function applyInboundAction(
  ctx: InboundActionContext,
  m: InboundMessage,
  action: InboundAction,
  live: boolean,
): Promise<void> {
  if (m.fromMe && !live) return;
  const message = await ctx.tx.messages.findByWaId(ctx.ref.sessionId, action.target.waId);
  const target: ChangeTarget = { message, waId: action.target.waId, chat: message?.chatId ?? m.chat };
  const by = m.fromMe ? null : personFrom(m.senderJid, m.senderLid, m.senderName);
  const change = {
    tx: ctx.tx,
    session: { id: ctx.ref.sessionId, accountId: ctx.ref.accountId },
    now: ctx.now,
    outbox: ctx.outbox,
  };
  switch (action.type) {
    case 'edit':
      if (message && !sameAuthor(message, m)) return;
      await recordEdit(change, target, action.text, by);
      return;
    case 'revoke':
      if (message && !sameAuthor(message, m)) return;
      await recordRevoke(change, target, by);
      return;
    case 'reaction':
      await recordReaction(change, target, action.emoji, m.fromMe ? null : (m.senderJid ?? m.senderLid), by);
      return;
  }
}

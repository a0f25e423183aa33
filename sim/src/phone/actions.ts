/**
 * Edits, revokes and reactions land on the message they target, wherever the phone keeps it: in the
 * inbox (a message the peer sent) or in what the account sent (our own message).
 */
import type { Action } from './content.js';
import type { ActedOn, PhoneCore } from './core.js';

/** Applies `action` by `fromPn`; false when the target is not known to this phone. */
export function applyAction(core: PhoneCore, action: Action, fromPn: string, at: string): boolean {
  const target: ActedOn | undefined = core.received.find((m) => m.id === action.id) ?? core.outbox.get(action.id);
  if (!target) return false;
  switch (action.kind) {
    case 'edit':
      target.edited_text = action.text;
      (target.edits ??= []).push({ text: action.text, at });
      break;
    case 'revoke':
      target.revoked = true;
      break;
    case 'reaction': {
      const others = (target.reactions ?? []).filter((r) => r.from !== fromPn);
      target.reactions = action.emoji ? [...others, { from: fromPn, emoji: action.emoji }] : others;
      break;
    }
  }
  return true;
}

import { changeAppState, viewAppState, type AppStateView, type PhoneChange } from '../phone/app-state.js';
import type { SimPhone } from '../phone/index.js';
import { ControlError } from './errors.js';

const CHAT_ACTIONS = [
  'archive',
  'unarchive',
  'pin',
  'unpin',
  'mute',
  'unmute',
  'read',
  'unread',
  'star',
  'unstar',
  'contact',
];

/** A chat named as a number, `+number` or any jid → the jid app state indexes it by. */
const chatJid = (chat: string): string => (chat.includes('@') ? chat : `${chat.replace(/^\+/, '')}@s.whatsapp.net`);

/**
 * `{action, chat, until? (mute, ms), id? and from_me? (star), name? (contact; null removes)}` → the
 * change, or a 400 naming the field; `lidOf` gives a contact's LID (WhatsApp adds it to the entry).
 */
export function parseChange(
  body: Record<string, unknown>,
  lidOf: (jid: string) => string | null = () => null,
): PhoneChange {
  const { action, chat } = body;
  if (typeof action !== 'string' || !CHAT_ACTIONS.includes(action))
    throw new ControlError(400, 'INVALID_BODY', `"action" must be one of ${CHAT_ACTIONS.join(', ')}`);
  if (typeof chat !== 'string' || !chat) throw new ControlError(400, 'INVALID_BODY', '"chat" (string) is required');
  const jid = chatJid(chat);
  if (action === 'mute') {
    if (typeof body.until !== 'number' || !(body.until > 0))
      throw new ControlError(400, 'INVALID_BODY', '"until" (ms since the epoch) is required for mute');
    return { action, chat: jid, until: body.until };
  }
  if (action === 'star' || action === 'unstar') {
    if (typeof body.id !== 'string' || !body.id)
      throw new ControlError(400, 'INVALID_BODY', '"id" (message id) is required for star/unstar');
    return { action, chat: jid, id: body.id, from_me: body.from_me === true };
  }
  if (action === 'contact') {
    if (body.name !== null && (typeof body.name !== 'string' || !body.name))
      throw new ControlError(400, 'INVALID_BODY', '"name" (string, or null to remove) is required for contact');
    return { action, chat: jid, name: body.name, lid: lidOf(jid) };
  }
  return { action: action as 'archive', chat: jid };
}

export function appStateView(phone: SimPhone): Promise<AppStateView> {
  return viewAppState(phone);
}

export async function appStateChange(
  phone: SimPhone,
  body: Record<string, unknown>,
  lidOf?: (jid: string) => string | null,
): Promise<{ collection: string; version: number }> {
  return changeAppState(phone, parseChange(body, lidOf));
}

// The one place that knows WhatsApp's id forms (CANONICAL.md §1, §4.5). A chat or a person is a
// `ChatId`: a canonical JID string. Phones with or without `+`, spaces and dashes become
// `<digits>@s.whatsapp.net`; `@c.us` (whatsapp-web.js) is the same as `@s.whatsapp.net`; group
// (`@g.us`), LID (`@lid`), newsletter (`@newsletter`) and broadcast (`@broadcast`) ids are kept.
// Everything else asks this module instead of testing suffixes.
import { InvalidError } from '../errors.js';

/** A canonical JID string, e.g. `15551234567@s.whatsapp.net` or `123-456@g.us`. */
export type ChatId = string;
/** A person: a phone-number JID (`…@s.whatsapp.net`) or a LID (`…@lid`). */
export type UserId = ChatId;

/** What a chat id names. `user` is a phone-number JID, `lid` a hidden-number person id. */
export type ChatIdKind = 'user' | 'lid' | 'group' | 'newsletter' | 'broadcast';

const USER_SERVER = 's.whatsapp.net';
const SERVERS: Record<string, ChatIdKind> = {
  's.whatsapp.net': 'user',
  'c.us': 'user',
  lid: 'lid',
  'g.us': 'group',
  newsletter: 'newsletter',
  broadcast: 'broadcast',
};

const PHONE = /^\+?[\d\s().-]{6,24}$/;
const JID = /^([\w.:-]+)@(s\.whatsapp\.net|c\.us|g\.us|lid|newsletter|broadcast)$/;
const PHONE_DIGITS = /^\d{6,15}$/;

/** The chat id of a phone number given as digits (E.164 without `+`). */
export function phoneChatId(digits: string): ChatId {
  return `${digits}@${USER_SERVER}`;
}

/**
 * A phone number or JID in any accepted form → its canonical chat id; null when it is neither.
 * A device suffix on a user JID (`…:3@s.whatsapp.net`) is dropped.
 */
export function parseChatId(input: string): ChatId | null {
  const value = input.trim();
  if (PHONE.test(value)) {
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 6 && digits.length <= 15) return phoneChatId(digits);
  }
  const m = JID.exec(value);
  if (!m) return null;
  const [, user = '', server = ''] = m;
  if (SERVERS[server] !== 'user') return `${user}@${server}`;
  const digits = user.split(':')[0] ?? '';
  return PHONE_DIGITS.test(digits) ? phoneChatId(digits) : null;
}

/** parseChatId, or a 400 INVALID_RECIPIENT naming `field` (the caller's name for the input). */
export function normalizeChatId(input: string, field = 'to'): ChatId {
  const id = parseChatId(input);
  if (id !== null) return id;
  throw new InvalidError(
    `"${input}" is not a phone number (E.164, with or without +) or a WhatsApp JID (…@s.whatsapp.net, …@g.us, …@lid, …@newsletter)`,
    { field, code: 'INVALID_RECIPIENT' },
  );
}

/** A phone number (not a group or LID) → its E.164 digits, or a 400 INVALID_RECIPIENT naming `field`. */
export function normalizePhone(input: string, field: string): string {
  const phone = phoneOf(normalizeChatId(input, field));
  if (phone === null) throw new InvalidError(`${field}: must be a phone number`, { field, code: 'INVALID_RECIPIENT' });
  return phone;
}

/** What a canonical (or device) JID names; `user` for anything unrecognised, as WhatsApp does. */
export function chatIdKind(id: ChatId): ChatIdKind {
  const server = id.slice(id.lastIndexOf('@') + 1);
  return SERVERS[server] ?? 'user';
}

export const isGroupChat = (id: ChatId): boolean => chatIdKind(id) === 'group';
export const isLid = (id: ChatId): boolean => chatIdKind(id) === 'lid';

/** The E.164 digits of a phone-number JID (device suffix dropped); null for any other kind. */
export function phoneOf(id: ChatId | null): string | null {
  if (!id || chatIdKind(id) !== 'user' || !id.includes('@')) return null;
  const digits = (id.split('@')[0] ?? '').split(':')[0] ?? '';
  return digits || null;
}

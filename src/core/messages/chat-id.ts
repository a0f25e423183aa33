// Recipient normalisation (CANONICAL.md §4.5): phones with or without `+`, spaces and dashes become
// `<digits>@s.whatsapp.net`; `@c.us` is the same as `@s.whatsapp.net`; group, LID and newsletter
// JIDs are kept. Anything else is a 400 naming the field.
import { InvalidError } from '../errors.js';
import type { ChatId } from '../ports/engine.js';

const PHONE = /^\+?[\d\s().-]{6,24}$/;
const JID = /^([\w.:-]+)@(s\.whatsapp\.net|c\.us|g\.us|lid|newsletter|broadcast)$/;

export function normalizeChatId(input: string, field = 'to'): ChatId {
  const value = input.trim();
  if (PHONE.test(value)) {
    const digits = value.replace(/\D/g, '');
    if (digits.length >= 6 && digits.length <= 15) return `${digits}@s.whatsapp.net`;
  }
  const m = JID.exec(value);
  if (m) {
    const [, user = '', server = ''] = m;
    if (server === 'c.us' || server === 's.whatsapp.net') {
      const digits = user.split(':')[0] ?? '';
      if (/^\d{6,15}$/.test(digits)) return `${digits}@s.whatsapp.net`;
    } else {
      return `${user}@${server}`;
    }
  }
  throw new InvalidError(
    `"${input}" is not a phone number (E.164, with or without +) or a WhatsApp JID (…@s.whatsapp.net, …@g.us, …@lid, …@newsletter)`,
    { field, code: 'INVALID_RECIPIENT' },
  );
}

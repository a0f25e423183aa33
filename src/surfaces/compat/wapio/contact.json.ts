// wagate's stored contact → the Contact shape Wapio's clients get (WasenderApi's contact fields,
// unwrapped, as API-CATALOG §3.4 proposes), plus the phone and LID wagate knows.
import type { StoredContact } from '../../../core/ports/contact-store.js';

export function toWapioContact(c: StoredContact) {
  return {
    id: c.jid,
    jid: c.jid,
    phone: c.phone ? `+${c.phone}` : null,
    lid: c.lid,
    name: c.name,
    notify: c.pushName,
    verifiedName: null,
    imgUrl: null,
    status: null,
    updated_at: c.updatedAt,
  };
}

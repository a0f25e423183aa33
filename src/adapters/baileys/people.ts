// People and our own profile on a Baileys socket (core/ports/people-engine.ts). A person without a
// picture or an about text is an answer (null), not an error: WhatsApp's 404/401 for those become
// null here; other IQ refusals keep their code for the service.
import { isLidUser, isPnUser, jidNormalizedUser, type WASocket } from 'baileys';
import { InvalidError, NotFoundError } from '../../core/errors.js';
import type { PeopleCommand, PeopleCommandResult, PrivacySetting } from '../../core/ports/people-engine.js';
import { isConnectionLoss } from './connection-errors.js';

export async function runPeopleCommand<C extends PeopleCommand>(sock: WASocket, c: C): Promise<PeopleCommandResult<C>> {
  return (await run(sock, c)) as PeopleCommandResult<C>;
}

async function run(sock: WASocket, c: PeopleCommand): Promise<PeopleCommandResult<PeopleCommand>> {
  switch (c.action) {
    case 'onWhatsApp': {
      const found = (await sock.onWhatsApp(...c.phones.map((p) => `${p}@s.whatsapp.net`))) ?? [];
      const byPhone = new Map(found.filter((f) => f.exists).map((f) => [digits(f.jid), jidNormalizedUser(f.jid)]));
      return c.phones.map((phone) => {
        const jid = byPhone.get(phone) ?? null;
        return { phone, exists: jid !== null, jid };
      });
    }
    case 'identity': {
      const mapping = sock.signalRepository.lidMapping;
      if (isLidUser(c.person)) {
        const pn = await mapping.getPNForLID(c.person);
        return { jid: pn ? jidNormalizedUser(pn) : null, lid: c.person };
      }
      const lid = isPnUser(c.person) ? await mapping.getLIDForPN(c.person) : null;
      return { jid: c.person, lid: lid ? jidNormalizedUser(lid) : null };
    }
    case 'picture':
      return { url: (await absentAsNull(() => sock.profilePictureUrl(c.person, 'image'))) ?? null };
    case 'about': {
      const list = (await absentAsNull(() => sock.fetchStatus(c.person))) ?? [];
      const entry = list[0] as { status?: { status?: string | null; setAt?: Date } } | undefined;
      const about = entry?.status?.status ?? null;
      const at = entry?.status?.setAt;
      return { about, setAt: about !== null && at && at.getTime() > 0 ? at.toISOString() : null };
    }
    case 'block':
      await sock.updateBlockStatus(c.person, c.blocked ? 'block' : 'unblock');
      return null;
    case 'blockList':
      return { people: (await sock.fetchBlocklist()).filter((j): j is string => Boolean(j)).map(jidNormalizedUser) };
    case 'subscribePresence':
      await sock.presenceSubscribe(c.person);
      return null;
    case 'setName':
      await sock.updateProfileName(c.name);
      return null;
    case 'setAbout':
      await sock.updateProfileStatus(c.about);
      return null;
    case 'setPicture': {
      const me = sock.user?.id;
      if (!me) throw new NotFoundError('PROFILE_NOT_FOUND', 'The linked account is not known yet');
      try {
        await sock.updateProfilePicture(jidNormalizedUser(me), Buffer.from(c.imageBase64, 'base64'));
      } catch (err) {
        if (isConnectionLoss(err)) throw err;
        throw new InvalidError('image: could not be read as a picture (JPEG or PNG)', { field: 'image', cause: err });
      }
      return null;
    }
    case 'privacy':
      return { settings: { ...(await sock.fetchPrivacySettings(true)) } as Record<string, string> };
    case 'setPrivacy':
      await PRIVACY_UPDATES[c.setting](sock, c.value);
      return null;
    case 'saveContact':
      if (c.name === null) await sock.removeContact(c.person);
      else
        await sock.addOrEditContact(c.person, {
          fullName: c.name,
          firstName: c.name.split(' ')[0] ?? c.name,
          saveOnPrimaryAddressbook: true,
        });
      return null;
    case 'removePicture': {
      const me = sock.user?.id;
      if (!me) throw new NotFoundError('PROFILE_NOT_FOUND', 'The linked account is not known yet');
      await sock.removeProfilePicture(jidNormalizedUser(me));
      return null;
    }
  }
}

function digits(jid: string): string {
  return (jid.split('@')[0] ?? '').split(':')[0] ?? '';
}

/** "Nothing there" answers from WhatsApp (404 item-not-found, 401 hidden by privacy) → undefined. */
async function absentAsNull<T>(fetch: () => Promise<T>): Promise<T | undefined> {
  try {
    return await fetch();
  } catch (err) {
    if (isConnectionLoss(err)) throw err;
    const e = err as { data?: unknown; output?: { statusCode?: number } };
    const code = typeof e?.data === 'number' ? e.data : e?.output?.statusCode;
    if (code === 404 || code === 401 || code === 403) return undefined;
    throw err;
  }
}

/** Baileys' one function per privacy category; the values are WhatsApp's (all, contacts, none, …). */
const PRIVACY_UPDATES: Record<PrivacySetting, (sock: WASocket, value: string) => Promise<void>> = {
  last: (sock, v) => sock.updateLastSeenPrivacy(v as never),
  online: (sock, v) => sock.updateOnlinePrivacy(v as never),
  profile: (sock, v) => sock.updateProfilePicturePrivacy(v as never),
  status: (sock, v) => sock.updateStatusPrivacy(v as never),
  readreceipts: (sock, v) => sock.updateReadReceiptsPrivacy(v as never),
  groupadd: (sock, v) => sock.updateGroupsAddPrivacy(v as never),
  calladd: (sock, v) => sock.updateCallPrivacy(v as never),
  messages: (sock, v) => sock.updateMessagesPrivacy(v as never),
};

// People as a linked number sees them, and its own profile: "is this number on WhatsApp" for one or
// many numbers (cached, and limited as the seeds do: 60 lookups a minute and 1,000 a day per session,
// counted only when WhatsApp is asked), LID ↔ phone number, pictures, about texts, blocking,
// presence subscriptions; our own name, about and picture. Each call checks the caller's scope on
// the session, needs it connected, and runs on its engine through the SessionRouter.
import { InvalidError, NotFoundError, RateLimitedError } from '../errors.js';
import { chatIdKind, normalizeChatId, normalizePhone, phoneOf, type ChatId } from '../chats/chat-id.js';
import type { Clock } from '../ports/clock.js';
import type { OnWhatsAppResult, PeopleCommand, PeopleCommandResult, PrivacySetting } from '../ports/people-engine.js';
import type { RateLimiter } from '../ports/rate-limiter.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Scope } from '../tokens/scope.js';
import type { Store } from '../ports/store.js';
import type { StoredContact } from '../ports/contact-store.js';
import { assertConnected } from '../messages/message.service.js';

export interface NumberCheckLimits {
  perMinute: number;
  perDay: number;
  /** How long an answer is served from the cache. */
  cacheTtlMs: number;
  /** Numbers in one request. */
  maxNumbers: number;
}

export const DEFAULT_NUMBER_CHECK_LIMITS: NumberCheckLimits = {
  perMinute: 60,
  perDay: 1_000,
  cacheTtlMs: 24 * 3_600_000,
  maxNumbers: 1_000,
};

/** The values WhatsApp accepts per privacy category. */
export const PRIVACY_VALUES: Record<PrivacySetting, readonly string[]> = {
  last: ['all', 'contacts', 'contact_blacklist', 'none'],
  online: ['all', 'match_last_seen'],
  profile: ['all', 'contacts', 'contact_blacklist', 'none'],
  status: ['all', 'contacts', 'contact_blacklist', 'none'],
  readreceipts: ['all', 'none'],
  groupadd: ['all', 'contacts', 'contact_blacklist'],
  calladd: ['all', 'known'],
  messages: ['all', 'contacts'],
};

/** Entries kept in the number cache (oldest dropped first). */
const CACHE_MAX = 100_000;

export interface PeopleServiceDeps {
  store: Pick<Store, 'contacts'>;
  sessions: SessionService;
  router: SessionRouter;
  limiter: RateLimiter;
  clock: Clock;
  limits?: NumberCheckLimits;
}

export interface NumberCheck extends OnWhatsAppResult {
  /** True when answered from the cache (WhatsApp was not asked). */
  cached: boolean;
}

export interface PersonIdentity {
  phone: string | null;
  jid: ChatId | null;
  lid: ChatId | null;
}

export class PeopleService {
  private readonly limits: NumberCheckLimits;
  /** sessionId:phone → answer; Map keeps insertion order, so the first key is the oldest. */
  private readonly cache = new Map<string, { result: OnWhatsAppResult; expiresAt: number }>();

  constructor(private readonly deps: PeopleServiceDeps) {
    this.limits = deps.limits ?? DEFAULT_NUMBER_CHECK_LIMITS;
  }

  private async run<C extends PeopleCommand>(
    scope: Scope,
    sessionRef: string,
    command: C,
  ): Promise<{ result: PeopleCommandResult<C>; sessionId: string; accountId: string }> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    const result = (await this.deps.router.dispatch(targetOf(session), {
      op: 'people',
      command,
    })) as PeopleCommandResult<C>;
    return { result, sessionId: session.id, accountId: session.accountId };
  }

  /** Which of `numbers` are on WhatsApp, in the order given; one WhatsApp query for the uncached ones. */
  async checkNumbers(scope: Scope, sessionRef: string, numbers: string[]): Promise<NumberCheck[]> {
    if (numbers.length === 0) throw new InvalidError('numbers: name at least one', { field: 'numbers' });
    if (numbers.length > this.limits.maxNumbers)
      throw new InvalidError(`numbers: at most ${this.limits.maxNumbers} at once`, { field: 'numbers' });
    const phones = numbers.map((n, i) => normalizePhone(n, `numbers.${i}`));
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    const now = this.deps.clock.now().getTime();
    const fresh = (phone: string) => {
      const hit = this.cache.get(`${session.id}:${phone}`);
      return hit && hit.expiresAt > now ? hit.result : null;
    };
    const missing = [...new Set(phones.filter((p) => !fresh(p)))];
    const asked = new Map<string, OnWhatsAppResult>();
    if (missing.length > 0) {
      await this.consume(session.id);
      const { result } = await this.run(scope, session.id, { action: 'onWhatsApp', phones: missing });
      for (const r of result) {
        asked.set(r.phone, r);
        this.remember(`${session.id}:${r.phone}`, r, now);
      }
    }
    return phones.map((phone) => {
      const answer = asked.get(phone);
      if (answer) return { ...answer, cached: false };
      const hit = fresh(phone);
      return hit ? { ...hit, cached: true } : { phone, exists: false, jid: null, cached: false };
    });
  }

  /** The per-session quotas of lookups that reach WhatsApp (a minute and a day). */
  private async consume(sessionId: string): Promise<void> {
    const { limiter } = this.deps;
    const windows = [
      { key: `numbers:min:${sessionId}`, limit: this.limits.perMinute, ms: 60_000, name: 'minute' },
      { key: `numbers:day:${sessionId}`, limit: this.limits.perDay, ms: 86_400_000, name: 'day' },
    ];
    for (const [i, w] of windows.entries()) {
      const quota = await limiter.consume(w.key, w.limit, w.ms);
      if (!quota.allowed) {
        // The windows before this one paid for a lookup that will not happen.
        for (const earlier of windows.slice(0, i)) await limiter.refund(earlier.key, earlier.limit, earlier.ms);
        throw new RateLimitedError(
          quota.retryAfterMs,
          `This session may look up numbers ${w.limit} times a ${w.name}; retry in ${Math.ceil(quota.retryAfterMs / 1000)} s`,
          { code: 'NUMBER_LOOKUP_LIMIT', context: { limit: w.limit, window: w.name, quota } },
        );
      }
    }
  }

  private remember(key: string, result: OnWhatsAppResult, now: number): void {
    this.cache.delete(key);
    this.cache.set(key, { result, expiresAt: now + this.limits.cacheTtlMs });
    if (this.cache.size > CACHE_MAX) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
  }

  /** A phone number, phone JID or LID → both forms, as far as WhatsApp knows them. */
  async identity(scope: Scope, session: string, person: string): Promise<PersonIdentity> {
    const { result } = await this.run(scope, session, { action: 'identity', person: personId(person) });
    return { phone: phoneOf(result.jid), jid: result.jid, lid: result.lid };
  }

  async picture(scope: Scope, session: string, person: string): Promise<string | null> {
    return (await this.run(scope, session, { action: 'picture', person: personOrGroup(person) })).result.url;
  }

  async about(scope: Scope, session: string, person: string): Promise<{ about: string | null; setAt: string | null }> {
    return (await this.run(scope, session, { action: 'about', person: personId(person) })).result;
  }

  async setBlocked(scope: Scope, session: string, person: string, blocked: boolean): Promise<void> {
    await this.run(scope, session, { action: 'block', person: personId(person), blocked });
  }

  async blockList(scope: Scope, session: string): Promise<PersonIdentity[]> {
    const { result } = await this.run(scope, session, { action: 'blockList' });
    return result.people.map((jid) =>
      chatIdKind(jid) === 'lid' ? { phone: null, jid: null, lid: jid } : { phone: phoneOf(jid), jid, lid: null },
    );
  }

  async subscribePresence(scope: Scope, session: string, person: string): Promise<void> {
    await this.run(scope, session, { action: 'subscribePresence', person: personId(person) });
  }

  /** Contacts WhatsApp told us of (address book sync, push names, our own saves), by jid. */
  async listContacts(
    scope: Scope,
    sessionRef: string,
    limit: number,
    cursor?: string,
  ): Promise<{ data: StoredContact[]; nextCursor: string | null }> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    let afterJid: string | undefined;
    if (cursor !== undefined) {
      afterJid = Buffer.from(cursor, 'base64url').toString('utf8');
      if (!/^[\w.:-]+@(s\.whatsapp\.net|lid)$/.test(afterJid))
        throw new InvalidError('cursor: not a cursor of this list', { field: 'cursor', code: 'INVALID_CURSOR' });
    }
    const rows = await this.deps.store.contacts.list(session.accountId, session.id, { limit: limit + 1, afterJid });
    const data = rows.slice(0, limit);
    const last = data[data.length - 1];
    return { data, nextCursor: rows.length > limit && last ? Buffer.from(last.jid).toString('base64url') : null };
  }

  /** A stored contact; 404 CONTACT_NOT_FOUND when WhatsApp never told us of them. */
  async getContact(scope: Scope, sessionRef: string, person: string): Promise<StoredContact> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    const found = await this.deps.store.contacts.get(session.accountId, session.id, personId(person));
    if (!found) throw new NotFoundError('CONTACT_NOT_FOUND', `No contact ${person.slice(0, 100)} on this session`);
    return found;
  }

  /** Saves (or with null removes) a contact's name in the phone's address book, and here. */
  async saveContact(scope: Scope, sessionRef: string, person: string, name: string | null): Promise<StoredContact> {
    const id = personId(person);
    const value = name?.trim() || null;
    if (value && value.length > 100) throw new InvalidError('name: at most 100 characters', { field: 'name' });
    const session = await this.run(scope, sessionRef, { action: 'saveContact', person: id, name: value });
    const kind = chatIdKind(id);
    await this.deps.store.contacts.setName(
      session.accountId,
      session.sessionId,
      {
        jid: id,
        phone: kind === 'lid' ? null : phoneOf(id),
        lid: kind === 'lid' ? id : null,
        name: value,
        pushName: null,
      },
      this.deps.clock.now().toISOString(),
    );
    return this.getContact(scope, session.sessionId, id);
  }

  /** Our privacy settings as WhatsApp has them (category → all, contacts, contact_blacklist, none…). */
  async privacy(scope: Scope, session: string): Promise<Record<string, string>> {
    return (await this.run(scope, session, { action: 'privacy' })).result.settings;
  }

  /** Changes some privacy settings, one request each, then reads them back. */
  async updatePrivacy(scope: Scope, session: string, change: Partial<Record<PrivacySetting, string>>) {
    for (const [setting, value] of Object.entries(change) as Array<[PrivacySetting, string]>) {
      const allowed = PRIVACY_VALUES[setting];
      if (!allowed.includes(value))
        throw new InvalidError(`${setting}: must be one of ${allowed.join(', ')}`, { field: setting });
      await this.run(scope, session, { action: 'setPrivacy', setting, value });
    }
    return this.privacy(scope, session);
  }

  /** Our own profile: any of name, about; then the picture, if given (null removes it). */
  async updateProfile(
    scope: Scope,
    session: string,
    change: { name?: string; about?: string; pictureBase64?: string | null },
  ): Promise<void> {
    if (change.name !== undefined) {
      const name = change.name.trim();
      if (!name || name.length > 25) throw new InvalidError('name: 1 to 25 characters', { field: 'name' });
      await this.run(scope, session, { action: 'setName', name });
    }
    if (change.about !== undefined) {
      if (change.about.length > 139) throw new InvalidError('about: at most 139 characters', { field: 'about' });
      await this.run(scope, session, { action: 'setAbout', about: change.about });
    }
    if (change.pictureBase64 === null) await this.run(scope, session, { action: 'removePicture' });
    else if (change.pictureBase64 !== undefined)
      await this.run(scope, session, { action: 'setPicture', imageBase64: change.pictureBase64 });
  }
}

/** A phone number or a person's JID (phone or LID), or a 400 naming the field. */
function personId(input: string, field = 'contact'): ChatId {
  const id = normalizeChatId(input, field);
  const kind = chatIdKind(id);
  if (kind !== 'user' && kind !== 'lid')
    throw new InvalidError(`${field}: must be a person (phone number or JID), not a ${kind}`, {
      field,
      code: 'INVALID_RECIPIENT',
    });
  return id;
}

/** Pictures exist for groups too. */
function personOrGroup(input: string, field = 'contact'): ChatId {
  const id = normalizeChatId(input, field);
  return chatIdKind(id) === 'group' ? id : personId(input, field);
}

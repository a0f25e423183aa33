// Sessions: create, read, change, delete, rotate their keys, read their lifecycle log, and move them
// through the state machine. Every lookup is scoped: a PAT sees its account's sessions, a session
// key only its own session; anything else is "not found" so existence never leaks across accounts.
import { decodeCursor, encodeCursor } from '../../lib/cursor.js';
import { newId } from '../../lib/ids.js';
import { ConflictError, ForbiddenError, InvalidError, NotFoundError } from '../errors.js';
import type { Outbox } from '../events/outbox.js';
import { sessionStatusEvent } from '../events/producers.js';
import type { Clock } from '../ports/clock.js';
import type { Logger } from '../ports/logger.js';
import type { SessionTeardown } from '../ports/session-teardown.js';
import type { SessionPatch, Store, StoreRepositories } from '../ports/store.js';
import { isVisibleTo, requireAccountScope, type Scope } from '../tokens/scope.js';
import type { TokenService } from '../tokens/token.service.js';
import type { IssuedToken } from '../tokens/token.types.js';
import { assertProxyAllowed } from './proxy-guard.js';
import { proxyUrlToStore } from './proxy-url.js';
import { assertTransition, type SessionStatus } from './session-status.js';
import { writeStatusChange } from './status-change.js';
import {
  DEFAULT_SESSION_SETTINGS,
  type CreateSession,
  type Session,
  type SessionLog,
  type SessionLogEvent,
  type SessionSettings,
  type SessionSettingsPatch,
  type UpdateSession,
} from './session.types.js';

export interface SessionServiceDeps {
  /** Only the repositories this service uses. */
  store: Pick<Store, 'transaction' | 'sessions' | 'sessionLogs'>;
  tokens: TokenService;
  teardown: SessionTeardown;
  clock: Clock;
  logger: Logger;
  /** Status changes append a `session.status` event in their transaction (webhooks, streams). */
  outbox: Pick<Outbox, 'append'>;
  /** Told after settings changed (the session's live connection applies always_online at once). */
  onSettingsChanged?: (session: Session, fields: string[]) => void;
  /** Let proxy_url name private and loopback hosts (WAGATE_ALLOW_PRIVATE_URLS). */
  allowPrivateUrls?: boolean;
  /** Sessions (not deleted) one account may have; null/absent = no cap. */
  maxSessionsPerAccount?: number | null;
}

export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}

export interface PageInput {
  limit?: number;
  cursor?: string;
}

export interface RotatedKey extends IssuedToken {
  previousFingerprint: string | null;
}

const SESSION_REF_RE = /^[A-Za-z0-9_-]{1,100}$/;

/** Name of the counter that numbers sessions (`seq`). */
const SESSION_SEQ = 'session_seq';

export class SessionService {
  private readonly pending = new Set<Promise<void>>();

  constructor(private readonly deps: SessionServiceDeps) {}

  /** Create a session (status `disconnected`) and its session key (returned raw, once). PAT only. */
  async create(scope: Scope, data: CreateSession): Promise<{ session: Session; sessionKey: IssuedToken }> {
    requireAccountScope(scope, 'Creating a session');
    await assertProxyAllowed(data.settings?.proxy_url, this.deps.allowPrivateUrls ?? false, 'settings.proxy_url');
    const now = this.now();
    return this.deps.store.transaction(async (tx) => {
      const max = this.deps.maxSessionsPerAccount ?? null;
      if (max !== null && (await tx.sessions.list(scope.accountId, { limit: max })).length >= max) {
        throw new ForbiddenError(
          'SESSION_LIMIT_REACHED',
          `This account already has ${max} sessions, the most allowed; delete one or ask the operator to raise WAGATE_ACCOUNT_MAX_SESSIONS`,
        );
      }
      const session: Session = {
        id: newId('ses'),
        seq: await tx.counters.next(SESSION_SEQ),
        accountId: scope.accountId,
        name: data.name ?? null,
        label: data.label ?? null,
        phoneNumber: data.phoneNumber ?? null,
        status: 'disconnected',
        settings: { ...DEFAULT_SESSION_SETTINGS, ...data.settings },
        createdAt: now,
        updatedAt: now,
        deletedAt: null,
      };
      await tx.sessions.insert(session);
      const key = await this.deps.tokens.issue(tx, {
        kind: 'session_key',
        accountId: scope.accountId,
        sessionId: session.id,
        ...(data.keyPrefix ? { brand: data.keyPrefix } : {}),
      });
      await this.log(tx, session, 'created', { name: session.name, fingerprint: key.fingerprint });
      return { session, sessionKey: { token: key.token, fingerprint: key.fingerprint, createdAt: key.createdAt } };
    });
  }

  /** Newest first. Without `status` (one or several), deleted sessions are left out. */
  async list(
    scope: Scope,
    input: PageInput & { status?: SessionStatus | readonly SessionStatus[] },
  ): Promise<Page<Session>> {
    const limit = input.limit ?? 20;
    const rows = await this.deps.store.sessions.list(scope.accountId, {
      limit: limit + 1,
      ...(input.status ? { status: input.status } : {}),
      ...(scope.kind === 'session_key' ? { sessionId: scope.sessionId } : {}),
      ...(input.cursor ? { beforeId: this.cursor(input.cursor) } : {}),
    });
    return page(rows, limit);
  }

  /** A session by id or name; 404 SESSION_NOT_FOUND when it is not visible to the scope. */
  async get(scope: Scope, ref: string): Promise<Session> {
    // Ids and names share this shape; anything else cannot exist, so it is not worth a query
    // (and some bytes, like NUL, are not even valid in a PostgreSQL text parameter).
    const session = SESSION_REF_RE.test(ref) ? await this.deps.store.sessions.findByRef(scope.accountId, ref) : null;
    if (!session || !isVisibleTo(scope, { accountId: session.accountId, sessionId: session.id })) {
      throw new NotFoundError('SESSION_NOT_FOUND', `Session ${ref.slice(0, 100)} not found`);
    }
    return session;
  }

  /** Change name, label, phone number and/or settings (settings merge over the current ones). */
  async update(scope: Scope, ref: string, input: UpdateSession): Promise<Session> {
    const session = await this.get(scope, ref);
    const data = withStoredProxy(input, session.settings.proxy_url);
    await assertProxyAllowed(data.settings?.proxy_url, this.deps.allowPrivateUrls ?? false, 'settings.proxy_url');
    this.assertMutable(session);
    const patch: SessionPatch = { updatedAt: this.now() };
    const changed: string[] = [];
    if (data.name !== undefined && data.name !== session.name) (patch.name = data.name), changed.push('name');
    if (data.label !== undefined && data.label !== session.label) (patch.label = data.label), changed.push('label');
    if (data.phoneNumber !== undefined && data.phoneNumber !== session.phoneNumber) {
      patch.phoneNumber = data.phoneNumber;
      changed.push('phone_number');
    }
    const settingsChanged = data.settings ? changedKeys(session.settings, data.settings) : [];
    if (settingsChanged.length > 0) patch.settings = { ...session.settings, ...data.settings };
    if (changed.length === 0 && settingsChanged.length === 0) return session;
    const updated = await this.deps.store.transaction(async (tx) => {
      const row = await this.mustUpdate(tx, session, patch);
      if (changed.length > 0) await this.log(tx, row, 'updated', { fields: changed });
      if (settingsChanged.length > 0) await this.log(tx, row, 'settings_changed', { fields: settingsChanged });
      return row;
    });
    if (settingsChanged.length > 0) this.deps.onSettingsChanged?.(updated, settingsChanged);
    return updated;
  }

  /** The settings as stored (the proxy's password in clear): surfaces show them through publicSettings(). */
  async getSettings(scope: Scope, ref: string): Promise<SessionSettings> {
    return (await this.get(scope, ref)).settings;
  }

  async updateSettings(scope: Scope, ref: string, settings: SessionSettingsPatch): Promise<SessionSettings> {
    return (await this.update(scope, ref, { settings })).settings;
  }

  /**
   * Start deleting (PAT only): revoke the key at once, mark `pending_deletion`, then tear the engine
   * side down in the background and mark `deleted`. Deleting a session already being deleted is a
   * no-op that returns it.
   */
  async delete(scope: Scope, ref: string): Promise<Session> {
    requireAccountScope(scope, 'Deleting a session');
    const session = await this.get(scope, ref);
    if (session.status === 'pending_deletion') return session;
    const marked = await this.deps.store.transaction(async (tx) => {
      await tx.tokens.revokeSessionKeys(scope.accountId, session.id, this.now());
      return this.applyStatus(tx, session, 'pending_deletion', 'deletion_requested', {});
    });
    this.track(this.finishDeletion(marked));
    return marked;
  }

  /**
   * Revoke the session's key and issue a new one (PAT only). The old key fails at once. The new key
   * starts with `keyPrefix` (`wg` by default).
   */
  async rotateKey(scope: Scope, ref: string, keyPrefix?: string): Promise<RotatedKey> {
    requireAccountScope(scope, 'Rotating a session key');
    const session = await this.get(scope, ref);
    this.assertMutable(session);
    return this.deps.store.transaction(async (tx) => {
      const previous = await tx.tokens.findActiveSessionKey(scope.accountId, session.id);
      await tx.tokens.revokeSessionKeys(scope.accountId, session.id, this.now());
      const key = await this.deps.tokens.issue(tx, {
        kind: 'session_key',
        accountId: scope.accountId,
        sessionId: session.id,
        ...(keyPrefix ? { brand: keyPrefix } : {}),
      });
      const previousFingerprint = previous?.fingerprint ?? null;
      await this.log(tx, session, 'key_rotated', {
        fingerprint: key.fingerprint,
        previous_fingerprint: previousFingerprint,
      });
      return { token: key.token, fingerprint: key.fingerprint, createdAt: key.createdAt, previousFingerprint };
    });
  }

  /** The fingerprint of the session's active key (e.g. `wg_sk_...x9Qz`), or null (revoked, deleted). */
  async keyFingerprint(scope: Scope, ref: string): Promise<string | null> {
    const session = await this.get(scope, ref);
    return this.deps.tokens.sessionKeyFingerprint(session.accountId, session.id);
  }

  /** The session's lifecycle log, newest first. */
  async logs(scope: Scope, ref: string, input: PageInput): Promise<Page<SessionLog>> {
    const session = await this.get(scope, ref);
    const limit = input.limit ?? 20;
    const rows = await this.deps.store.sessionLogs.list(scope.accountId, session.id, {
      limit: limit + 1,
      ...(input.cursor ? { beforeId: this.cursor(input.cursor) } : {}),
    });
    return page(rows, limit);
  }

  /**
   * At start-up: finish the deletions a previous process left in `pending_deletion` (it stopped
   * during a teardown). Runs in the background like a fresh DELETE; returns how many were found.
   */
  async resumeDeletions(): Promise<number> {
    const stuck = await this.deps.store.sessions.listAllWithStatus('pending_deletion', 1000);
    for (const session of stuck) this.track(this.finishDeletion(session));
    return stuck.length;
  }

  /** Resolves when background work started by this service (teardowns) has finished. */
  async idle(): Promise<void> {
    while (this.pending.size > 0) await Promise.allSettled([...this.pending]);
  }

  private async finishDeletion(session: Session): Promise<void> {
    try {
      await this.deps.teardown.teardown(session);
      await this.deps.store.transaction(async (tx) => {
        const at = this.now();
        const updated = await this.mustUpdate(tx, session, { status: 'deleted', updatedAt: at, deletedAt: at });
        await this.log(tx, updated, 'deleted', {});
        await this.deps.outbox.append(tx, sessionStatusEvent(updated, session.status));
      });
      this.deps.logger.info({ accountId: session.accountId, sessionId: session.id }, 'session deleted');
    } catch (err) {
      // The session stays pending_deletion with its key revoked; a later start can retry.
      this.deps.logger.error({ err, accountId: session.accountId, sessionId: session.id }, 'session teardown failed');
    }
  }

  private async applyStatus(
    tx: StoreRepositories,
    session: Session,
    to: SessionStatus,
    event: SessionLogEvent,
    detail: Record<string, unknown>,
  ): Promise<Session> {
    assertTransition(session.status, to);
    const updated = await writeStatusChange(tx, {
      session,
      to,
      event,
      detail,
      now: this.now(),
      outbox: this.deps.outbox,
    });
    if (!updated) throw new NotFoundError('SESSION_NOT_FOUND', `Session ${session.id} not found`);
    return updated;
  }

  private async mustUpdate(tx: StoreRepositories, session: Session, patch: SessionPatch): Promise<Session> {
    const updated = await tx.sessions.update(session.accountId, session.id, patch);
    if (!updated) throw new NotFoundError('SESSION_NOT_FOUND', `Session ${session.id} not found`);
    return updated;
  }

  private assertMutable(session: Session): void {
    if (session.status === 'pending_deletion') {
      throw new ConflictError('SESSION_BEING_DELETED', `Session ${session.id} is being deleted`);
    }
  }

  private async log(
    tx: StoreRepositories,
    session: Session,
    event: SessionLogEvent,
    detail: Record<string, unknown>,
  ): Promise<void> {
    await tx.sessionLogs.insert({
      id: newId('slog'),
      accountId: session.accountId,
      sessionId: session.id,
      event,
      detail,
      createdAt: this.now(),
    });
  }

  private cursor(cursor: string): string {
    const id = decodeCursor(cursor);
    if (!id)
      throw new InvalidError('cursor: not a cursor returned by this API', { field: 'cursor', code: 'INVALID_CURSOR' });
    return id;
  }

  private track(work: Promise<void>): void {
    this.pending.add(work);
    void work.finally(() => this.pending.delete(work));
  }

  private now(): string {
    return this.deps.clock.now().toISOString();
  }
}

function page<T extends { id: string }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit);
  const last = data[data.length - 1];
  return { data, nextCursor: rows.length > limit && last ? encodeCursor(last.id) : null };
}

function changedKeys(current: SessionSettings, patch: SessionSettingsPatch): string[] {
  return (Object.keys(patch) as (keyof SessionSettings)[]).filter(
    (k) => patch[k] !== undefined && patch[k] !== current[k],
  );
}

/** An update whose proxy_url is the masked form of the stored one keeps the stored URL (proxy-url.ts). */
function withStoredProxy(data: UpdateSession, current: string | null): UpdateSession {
  if (!data.settings || data.settings.proxy_url === undefined) return data;
  return {
    ...data,
    settings: { ...data.settings, proxy_url: proxyUrlToStore(data.settings.proxy_url, current) ?? null },
  };
}

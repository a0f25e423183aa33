// The store port: repositories the core writes through, and a transaction that hands the same
// repositories bound to one database transaction. Later features add their repositories to
// StoreRepositories (e.g. messages, outbox) so state + outbox event commit together.
//
// Every method is one query. Every account-owned lookup takes the accountId: there is no unscoped
// "get by id" for tenant data.
import type { ChatRepository } from './chat-store.js';
import type { ContactRepository } from './contact-store.js';
import type { LabelRepository } from './label-store.js';
import type { Account } from '../accounts/account.types.js';
import type {
  Session,
  SessionLastError,
  SessionLinkedIdentity,
  SessionLog,
  SessionSettings,
  SessionStatus,
} from '../sessions/session.types.js';
import type { ApiToken } from '../tokens/token.types.js';
import type { EngineRepositories } from './message-store.js';
import type { WebhookRepositories } from '../webhooks/webhook.ports.js';
import type { MediaRepository } from '../media/media.ports.js';
import type { OperationsStatsRepository } from './operations-stats.js';
import type { RetentionRepository } from './retention.js';

export interface AccountRepository {
  /** Insert a new account. */
  insert(account: Account): Promise<void>;
  /** The account, or null. */
  findById(id: string): Promise<Account | null>;
  /** How many accounts exist (first-run detection). */
  count(): Promise<number>;
}

export interface TokenRepository {
  /** Insert a new token (hash only, never the raw token). */
  insert(token: ApiToken): Promise<void>;
  /** The token whose sha256 is `hash`, revoked or not; null when unknown. */
  findByHash(hash: string): Promise<ApiToken | null>;
  /** The session's current (unrevoked) key, or null. */
  findActiveSessionKey(accountId: string, sessionId: string): Promise<ApiToken | null>;
  /** Revoke every unrevoked key of the session; returns how many were revoked. */
  revokeSessionKeys(accountId: string, sessionId: string, at: string): Promise<number>;
  /** Of the given token ids, those that are revoked or unknown (one query; open streams poll it). */
  revokedAmong(ids: readonly string[]): Promise<string[]>;
  /** Record a use. Callers throttle this (at most about once a minute per token). */
  touch(id: string, at: string): Promise<void>;
  /** The account's unrevoked personal access tokens, oldest first. */
  listActivePersonal(accountId: string): Promise<ApiToken[]>;
  /** Revoke one unrevoked personal access token of the account; false when there is none with that id. */
  revokePersonal(accountId: string, id: string, at: string): Promise<boolean>;
}

export interface SessionListQuery {
  /** Exact status to show, or any of several; without it every session except deleted ones. */
  status?: SessionStatus | readonly SessionStatus[];
  /** Only this session (session-key scope). */
  sessionId?: string;
  /** Newest first; only sessions with an id lower than this one. */
  beforeId?: string;
  limit: number;
}

export interface SessionPatch {
  name?: string | null;
  label?: string | null;
  phoneNumber?: string | null;
  status?: SessionStatus;
  settings?: SessionSettings;
  updatedAt: string;
  deletedAt?: string | null;
  identity?: SessionLinkedIdentity | null;
  lastError?: SessionLastError | null;
}

export interface SessionRepository {
  /** Insert; throws ConflictError SESSION_NAME_TAKEN when the name is in use in the account. */
  insert(session: Session): Promise<void>;
  /** A session that is not deleted, by id or by name, within the account. */
  findByRef(accountId: string, ref: string): Promise<Session | null>;
  /** Newest first, filtered as the query says. */
  list(accountId: string, query: SessionListQuery): Promise<Session[]>;
  /** Every session (all accounts) whose status says it should be reconnected at server start. */
  listForResume(): Promise<Session[]>;
  /**
   * System-wide (no account filter): sessions in `status`, oldest first. Only for recovery work at
   * start-up (e.g. finishing deletions), never to answer a request.
   */
  listAllWithStatus(status: SessionStatus, limit: number): Promise<Session[]>;
  /** Apply the patch and return the new row (null when no such session in the account). */
  update(accountId: string, id: string, patch: SessionPatch): Promise<Session | null>;
}

export interface SessionLogQuery {
  beforeId?: string;
  limit: number;
}

export interface SessionLogRepository {
  insert(log: SessionLog): Promise<void>;
  /** Newest first. */
  list(accountId: string, sessionId: string, query: SessionLogQuery): Promise<SessionLog[]>;
}

export interface CounterRepository {
  /**
   * Increment the named counter and return its new value (1 for the first call). Call it inside
   * the transaction that inserts the row using the number, so numbers are unique and increasing.
   */
  next(name: string): Promise<number>;
}

/**
 * Cluster mode's fencing at the store: per session, the highest lease token that wrote. A node
 * advances it inside the transaction of every write that matters; once a newer holder has, the
 * older one's writes are refused (it lost the lease, even if it does not know yet).
 */
export interface SessionFenceRepository {
  /**
   * Raises the session's fence to `token` when it is not above it already; false when a larger
   * token has written (the caller's lease is stale: write nothing). On PostgreSQL the row stays
   * locked until the transaction ends, so a newer holder's advance waits for an older one's write.
   */
  advance(sessionId: string, token: number): Promise<boolean>;
}

export interface StoreRepositories extends EngineRepositories, WebhookRepositories {
  accounts: AccountRepository;
  tokens: TokenRepository;
  sessions: SessionRepository;
  sessionLogs: SessionLogRepository;
  counters: CounterRepository;
  /** Stored media metadata (src/core/media). */
  media: MediaRepository;
  /** Chat state (archived, pinned, muted, unread) and the chat list (src/core/chats). */
  chats: ChatRepository;
  /** Contacts as WhatsApp told us of them (src/core/contacts). */
  contacts: ContactRepository;
  /** Labels of business accounts and the chats that carry them (src/core/chats). */
  labels: LabelRepository;
  /** Cluster mode: lease tokens that wrote, per session (fencing). */
  fences: SessionFenceRepository;
  /** Whole-server figures for operators (/metrics); never called on behalf of an account. */
  stats: OperationsStatsRepository;
  /** Bounded deletes of old events, delivery logs and message bodies (src/core/retention). */
  retention: RetentionRepository;
}

export interface Store extends StoreRepositories {
  readonly dialect: 'sqlite' | 'postgres';
  /**
   * Run `fn` in one database transaction; it commits when `fn` resolves, rolls back when it throws.
   * Inside `fn` use only `tx`: on SQLite the store has one connection, and a call on the outer store
   * would wait for the transaction that is waiting for it.
   */
  transaction<T>(fn: (tx: StoreRepositories) => Promise<T>): Promise<T>;
  /** Resolves when the database answers a trivial query. */
  ping(): Promise<void>;
  /** Apply pending migrations; returns the names applied. */
  migrate(): Promise<string[]>;
  close(): Promise<void>;
}

// The seam between the services and the session runtimes. A service never holds a runtime: it sends
// a command to the node that holds the session (SessionLease) and awaits a result. Commands and
// results are plain JSON data, so the router can be in process (LocalSessionRouter, one node) or
// cross a network (cluster mode: a Redis adapter, later). Errors the holder raises are AppErrors and
// survive the trip (appErrorToJson / appErrorFromJson in core/errors.ts).
import type { ChatId } from '../chats/chat-id.js';
import type { EngineIdentity, HistoryRequest, MessageRef, PresenceState } from './engine.js';
import type { GroupCommand, GroupCommandResult } from './group-engine.js';
import type { ChannelCommand, ChannelCommandResult } from './channel-engine.js';
import type { ChatCommand, PeopleCommand, PeopleCommandResult } from './people-engine.js';
import type { SessionSettings, SessionStatus } from '../sessions/session.types.js';

/** Which session a command is for, with its stored status (the holder creates a runtime from it). */
export interface SessionTarget {
  accountId: string;
  sessionId: string;
  status: SessionStatus;
}

export type SessionCommand =
  /** Start linking (QR / pairing code) or reconnect with the stored credentials. */
  | { op: 'connect' }
  /** Close the connection, keeping the credentials. */
  | { op: 'disconnect' }
  | { op: 'restart' }
  /** Unlink the device from the phone and wipe the credentials. */
  | { op: 'logout' }
  /** Deletion: unlink, stop and forget the session's runtime. */
  | { op: 'remove' }
  /** A QR shown before a restart is gone: record the session as disconnected with this reason. */
  | { op: 'markStale'; reason: string }
  /** What the live runtime knows; null when the session has no runtime. */
  | { op: 'snapshot' }
  /** `phone` is E.164 digits. */
  | { op: 'pairingCode'; phone: string }
  /** New outbound work is queued: send it now if the session is connected. */
  | { op: 'kick' }
  /** Settings changed: re-read the send policy, apply always_online at once. */
  | { op: 'settingsChanged'; settings: SessionSettings; fields: string[] }
  | { op: 'edit'; ref: MessageRef; text: string }
  | { op: 'revoke'; ref: MessageRef }
  /** "" removes our reaction. */
  | { op: 'react'; ref: MessageRef; emoji: string }
  | { op: 'star'; ref: MessageRef; starred: boolean }
  | { op: 'markRead'; refs: MessageRef[] }
  | { op: 'presence'; presence: PresenceState; to: ChatId | null }
  | { op: 'group'; command: GroupCommand }
  | { op: 'people'; command: PeopleCommand }
  | { op: 'chat'; command: ChatCommand }
  /** Ask the phone for older messages of a chat (they arrive later as a messages.history event). */
  | { op: 'history'; request: HistoryRequest }
  | { op: 'channel'; command: ChannelCommand };

/** A live runtime's state, JSON-safe. */
export interface SessionSnapshot {
  status: SessionStatus;
  qr: { qr: string; expiresAt: string } | null;
  identity: EngineIdentity | null;
}

interface SessionCommandResults {
  connect: null;
  disconnect: null;
  restart: null;
  logout: null;
  remove: null;
  markStale: null;
  snapshot: SessionSnapshot | null;
  pairingCode: { code: string };
  kick: null;
  settingsChanged: null;
  edit: null;
  revoke: null;
  react: null;
  star: null;
  markRead: null;
  presence: null;
  /** GroupCommandResult of the command (the service narrows it). */
  group: GroupCommandResult<GroupCommand>;
  people: PeopleCommandResult<PeopleCommand>;
  chat: null;
  history: { requestId: string };
  channel: ChannelCommandResult<ChannelCommand>;
}

export type SessionCommandOp = SessionCommand['op'];
export type SessionCommandResult<C extends SessionCommand> = SessionCommandResults[C['op']];

export interface SessionRouter {
  /**
   * Carries `command` to the holder of the session and resolves with its result, or rejects with
   * the AppError the holder raised (e.g. SESSION_NOT_CONNECTED). Commands on one session run in
   * the order they were dispatched from one caller.
   */
  dispatch<C extends SessionCommand>(target: SessionTarget, command: C): Promise<SessionCommandResult<C>>;
}

/** The target of a stored session. */
export function targetOf(session: { id: string; accountId: string; status: SessionStatus }): SessionTarget {
  return { accountId: session.accountId, sessionId: session.id, status: session.status };
}

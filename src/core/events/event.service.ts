// Reading events: one event, a page of the outbox, and live streams (SSE / WebSocket surfaces).
// A PAT sees its whole account (optionally narrowed to one session); a session key only its session.
import { isId } from '../../lib/ids.js';
import { InvalidError, NotFoundError } from '../errors.js';
import type { CredentialWatch } from '../tokens/credential-watch.js';
import { isVisibleTo, type Scope } from '../tokens/scope.js';
import { assertPatterns } from './event-filter.js';
import { resolveEventScope, type SessionResolver } from './event-scope.js';
import type { EventHub } from './event-hub.js';
import { openEventStream } from './event-stream.js';
import type { DomainEvent } from './event.types.js';
import type { EventLog, EventScope } from './outbox.port.js';

export interface EventServiceDeps {
  hub: EventHub;
  log: EventLog;
  resolveSession: SessionResolver;
  /** Ends streams whose token is revoked or whose session is deleted (absent: streams are not watched). */
  credentials?: Pick<CredentialWatch, 'watch'>;
}

/** Starts a prepared stream: `end` is called when the stream must close (its credential was revoked). */
export type StartStream = (
  send: (event: DomainEvent) => void,
  closed: () => boolean,
  end: (reason: 'revoked' | 'session_deleted') => void,
) => Promise<() => void>;

export interface StreamRequest {
  sessionId?: string | null;
  patterns?: string[] | null;
  lastEventId?: string | null;
}

export class EventService {
  constructor(private readonly deps: EventServiceDeps) {}

  async get(scope: Scope, id: string): Promise<DomainEvent> {
    const event = await this.deps.log.get(scope.accountId, id);
    if (!event || !isVisibleTo(scope, { accountId: event.account_id, sessionId: event.session_id })) {
      throw new NotFoundError('EVENT_NOT_FOUND', `Event ${id} not found`, { field: 'id' });
    }
    return event;
  }

  /** Events after `after` (oldest first): the polling alternative to the stream. */
  async list(
    scope: Scope,
    input: { sessionId?: string | null; after?: string | null; limit: number },
  ): Promise<DomainEvent[]> {
    return this.deps.log.listAfter(
      await this.scopeOf(scope, input.sessionId ?? null),
      input.after ?? null,
      input.limit,
    );
  }

  /**
   * Checks a stream request and resolves its scope (throws on bad input), so the surface can
   * answer errors normally before it switches the connection to streaming; `start` then sends the
   * backlog (when lastEventId is given) and live events, and returns the stop function.
   */
  async prepareStream(scope: Scope, input: StreamRequest): Promise<{ start: StartStream }> {
    const patterns = input.patterns && input.patterns.length > 0 ? input.patterns : null;
    if (patterns) assertPatterns(patterns, 'types', false);
    if (input.lastEventId && !isId('evt', input.lastEventId)) {
      throw new InvalidError('Last-Event-ID must be an event id (evt_…)', { field: 'last_event_id' });
    }
    const eventScope = await this.scopeOf(scope, input.sessionId ?? null);
    return {
      start: async (send, closed, end) => {
        // Watched before the first event leaves: a revocation during the backlog read counts too.
        const unwatch = this.deps.credentials?.watch(scope, eventScope.sessionId, end) ?? (() => {});
        try {
          const stop = await openEventStream({
            hub: this.deps.hub,
            log: this.deps.log,
            scope: eventScope,
            patterns,
            lastEventId: input.lastEventId ?? null,
            send,
            closed,
          });
          return () => {
            unwatch();
            stop();
          };
        } catch (err) {
          unwatch();
          throw err;
        }
      },
    };
  }

  private scopeOf(scope: Scope, sessionRef: string | null): Promise<EventScope> {
    return resolveEventScope(
      scope,
      sessionRef,
      this.deps.resolveSession,
      'A session key can only read its own session',
    );
  }
}

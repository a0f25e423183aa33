// Which subscriptions get an event: the rule every store applies when it turns an event into
// deliveries (on append, and on replay), written once here so a store only fetches candidates.
import { matchesAny } from '../events/event-filter.js';

/** A subscription as the matching rule sees it: its session scope and event patterns. */
export interface SubscriptionFilter {
  /** null: every session of the account. */
  sessionId: string | null;
  /** Patterns (`messages.*`); empty means every event. */
  events: readonly string[];
}

/**
 * Whether an enabled subscription of the event's account gets it. An explicit target (a test event
 * or a replay to one subscription) skips the event patterns but never the session scope.
 */
export function subscriptionWants(
  sub: SubscriptionFilter,
  event: { type: string; session_id: string | null },
  explicitTarget = false,
): boolean {
  if (sub.sessionId !== null && sub.sessionId !== event.session_id) return false;
  return explicitTarget || matchesAny(event.type, sub.events);
}

// Which events reach whom. Two filters:
// - a subscription's event patterns (`*`, `messages.*`, `session.status`), checked at fan-out;
// - a session's ignore_* settings, checked by the producer before it appends (an ignored event is
//   not an event for that session at all: no webhook, no stream, as the seeds document).
import { chatIdKind } from '../chats/chat-id.js';
import { InvalidError } from '../errors.js';
import { EVENT_TYPES, type ChatType, type EventType, type NewEvent } from './event.types.js';

/** A pattern is an exact type, `*`, or a prefix ending in `.*` (matching one or more segments). */
export function isValidPattern(pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) {
    const prefix = pattern.slice(0, -1); // keep the dot
    return EVENT_TYPES.some((t) => t.startsWith(prefix));
  }
  return (EVENT_TYPES as readonly string[]).includes(pattern);
}

/**
 * Throws UNKNOWN_EVENT for the first invalid pattern. `field` names the input: a list field
 * (`events` → `events.2`) or one field for all (`types`).
 */
export function assertPatterns(patterns: readonly string[], field: string, indexed: boolean): void {
  const bad = patterns.findIndex((p) => !isValidPattern(p));
  if (bad >= 0)
    throw new InvalidError(`Unknown event or pattern "${patterns[bad]}"`, {
      code: 'UNKNOWN_EVENT',
      field: indexed ? `${field}.${bad}` : field,
    });
}

export function matchesPattern(type: string, pattern: string): boolean {
  if (pattern === '*') return true;
  if (pattern.endsWith('.*')) return type.startsWith(pattern.slice(0, -1));
  return type === pattern;
}

/** An empty or missing list means every event. */
export function matchesAny(type: string, patterns: readonly string[] | null | undefined): boolean {
  if (!patterns || patterns.length === 0) return true;
  return patterns.some((p) => matchesPattern(type, p));
}

/** The ignore_* part of a session's settings. */
export interface EventIgnoreSettings {
  ignore_groups?: boolean;
  ignore_broadcasts?: boolean;
  ignore_channels?: boolean;
}

/** The chat type of a canonical JID (status@broadcast and …@broadcast lists count as broadcast). */
export function chatTypeOf(chat: string): ChatType {
  const kind = chatIdKind(chat);
  return kind === 'group' || kind === 'newsletter' || kind === 'broadcast' ? kind : 'personal';
}

/** The chat an event is about, when it is about one. */
function chatOf(event: NewEvent): string | null {
  const p = event.payload as unknown as Record<string, unknown>;
  const msg = p['message'];
  if (msg && typeof msg === 'object' && typeof (msg as Record<string, unknown>)['chat'] === 'string') {
    return (msg as Record<string, string>)['chat'] ?? null;
  }
  if (typeof p['chat'] === 'string') return p['chat'];
  if (typeof p['group'] === 'string') return p['group'];
  return null;
}

const GROUP_TYPES: ReadonlySet<EventType> = new Set(['groups.upsert', 'groups.update', 'groups.participants']);

/**
 * False when the session's settings say this event must be dropped: messages, receipts,
 * reactions… from groups, broadcasts or channels, and group events when groups are ignored.
 * Session-level events (status, QR, health) always pass.
 */
export function passesSessionSettings(event: NewEvent, settings: EventIgnoreSettings | null | undefined): boolean {
  if (!settings) return true;
  if (settings.ignore_groups && GROUP_TYPES.has(event.type)) return false;
  const chat = chatOf(event);
  if (!chat) return true;
  switch (chatTypeOf(chat)) {
    case 'group':
      return !settings.ignore_groups;
    case 'broadcast':
      return !settings.ignore_broadcasts;
    case 'newsletter':
      return !settings.ignore_channels;
    default:
      return true;
  }
}

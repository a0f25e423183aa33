// WabSync's event names: wagate's event types with `messages.` in the singular (`message.received`,
// `message.status`, …); session, group, chat, contact and call events keep wagate's names.
import { EVENT_TYPES, type EventType } from '../../../core/events/index.js';
import { InvalidError } from '../../../core/errors.js';

export function wabsyncEventName(type: string): string {
  return type.startsWith('messages.') ? `message.${type.slice('messages.'.length)}` : type;
}

/** Every name a WabSync webhook may subscribe to. */
export const WABSYNC_EVENT_NAMES: readonly string[] = EVENT_TYPES.map(wabsyncEventName);

/** WabSync names → wagate event types (`[]` → all, `*`); an unknown name is 422 naming `events.<i>`. */
export function typesOfNames(names: readonly string[]): string[] {
  if (names.length === 0 || names.includes('*')) return ['*'];
  return names.map((name, i) => {
    const type = EVENT_TYPES.find((t: EventType) => wabsyncEventName(t) === name);
    if (!type) {
      throw new InvalidError(
        `events.${i}: unknown event ${name.slice(0, 64)} (one of ${WABSYNC_EVENT_NAMES.join(', ')})`,
        {
          field: `events.${i}`,
          code: 'UNKNOWN_EVENT',
        },
      );
    }
    return type;
  });
}

/** A subscription's event types as WabSync names (`*` → `[]`, all). */
export function namesOfTypes(types: readonly string[]): string[] {
  return types.includes('*') ? [] : types.map(wabsyncEventName);
}

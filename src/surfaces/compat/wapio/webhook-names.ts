// Which Wapio event name a delivery carries. Wapio's names (WasenderApi's) are views of wagate's
// event types: `messages-group.received` is a `messages.received` in a group. Its n8n trigger keeps
// a delivery only when the body's `event` is one of the names the user chose, and checks that the
// configuration reads back exactly those names. So the surface remembers the chosen names (in the
// subscription's description, visible on /v1 too) and names each delivery with the most specific
// chosen name that fits it; without a choice, the event's first name.
import type { DomainEvent } from '../../../core/events/index.js';
import { WASENDER_EVENT_NAMES, wasenderEventName } from '../wasender/event-names.js';

const PREFIX = 'Wapio webhook; events: ';

/** The description that records the chosen names. */
export function describeNames(names: string[]): string {
  return `${PREFIX}${names.join(', ')}`;
}

/** The names recorded by describeNames, or null for a description it did not write. */
export function namesOfDescription(description: string | null): string[] | null {
  if (!description?.startsWith(PREFIX)) return null;
  const list = description.slice(PREFIX.length).trim();
  return list ? list.split(', ') : [];
}

const SPECIFIC: Record<string, string> = {
  personal: 'messages-personal.received',
  group: 'messages-group.received',
  newsletter: 'messages-newsletter.received',
};

/** The names that fit this event, most specific first. */
function namesFitting(event: DomainEvent): string[] {
  const all = [...(WASENDER_EVENT_NAMES[event.type] ?? [event.type])];
  if (event.type !== 'messages.received') return all;
  const chatType = (event.payload as { message?: { chat_type?: string } }).message?.chat_type;
  const specific = chatType ? SPECIFIC[chatType] : undefined;
  const generic = all.filter((n) => !Object.values(SPECIFIC).includes(n));
  return specific ? [specific, ...generic] : generic;
}

export function deliveredName(event: DomainEvent, chosen: string[] | null): string {
  const fitting = namesFitting(event);
  if (chosen?.length) {
    const match = fitting.find((n) => chosen.includes(n));
    // None chosen fits (a group message for a personal-only choice): its own name, which the
    // subscriber's filter leaves out.
    return match ?? fitting[0] ?? wasenderEventName(event.type);
  }
  return wasenderEventName(event.type);
}

// People and our own profile on the engine, as plain JSON commands and results (they travel through
// the SessionRouter like group commands): who is on WhatsApp, LID ↔ phone number, pictures, about
// texts, the block list, presence subscriptions, and our own name, about and picture.
import type { ChatId } from '../chats/chat-id.js';
import type { ChatLastMessage } from '../chats/chat.types.js';
import type { Label } from './label-store.js';

export type PeopleCommand =
  /** Phone numbers as E.164 digits. */
  | { action: 'onWhatsApp'; phones: string[] }
  | { action: 'identity'; person: ChatId }
  | { action: 'picture'; person: ChatId }
  | { action: 'about'; person: ChatId }
  | { action: 'block'; person: ChatId; blocked: boolean }
  | { action: 'blockList' }
  | { action: 'subscribePresence'; person: ChatId }
  | { action: 'setName'; name: string }
  | { action: 'setAbout'; about: string }
  /** A JPEG or PNG, base64 (WhatsApp gets a square JPEG made from it). */
  | { action: 'setPicture'; imageBase64: string }
  | { action: 'removePicture' }
  /** Saves the name in the phone's address book (app state); null removes the contact from it. */
  | { action: 'saveContact'; person: ChatId; name: string | null }
  | { action: 'privacy' }
  | { action: 'setPrivacy'; setting: PrivacySetting; value: string };

/** WhatsApp's privacy categories, by the names its protocol uses. */
export const PRIVACY_SETTINGS = [
  'last',
  'online',
  'profile',
  'status',
  'readreceipts',
  'groupadd',
  'calladd',
  'messages',
] as const;
export type PrivacySetting = (typeof PRIVACY_SETTINGS)[number];

export interface OnWhatsAppResult {
  phone: string;
  exists: boolean;
  /** `<digits>@s.whatsapp.net` when it exists. */
  jid: ChatId | null;
}

interface PeopleResults {
  onWhatsApp: OnWhatsAppResult[];
  /** A person's phone JID and LID, each null when WhatsApp does not say. */
  identity: { jid: ChatId | null; lid: ChatId | null };
  picture: { url: string | null };
  about: { about: string | null; setAt: string | null };
  block: null;
  blockList: { people: ChatId[] };
  subscribePresence: null;
  setName: null;
  setAbout: null;
  setPicture: null;
  removePicture: null;
  saveContact: null;
  privacy: { settings: Record<string, string> };
  setPrivacy: null;
}

export type PeopleCommandResult<C extends PeopleCommand> = PeopleResults[C['action']];

/**
 * A change to a chat, made through app state (so the phone and every linked device follow). `last`
 * is the chat's last message we know, which WhatsApp wants with archive, unread, clear and delete.
 */
export type ChatCommand =
  | { action: 'archive'; chat: ChatId; on: boolean; last: ChatLastMessage | null }
  | { action: 'pin'; chat: ChatId; on: boolean }
  /** `until`: ms since the epoch; null unmutes. */
  | { action: 'mute'; chat: ChatId; until: number | null }
  | { action: 'unread'; chat: ChatId; on: boolean; last: ChatLastMessage | null }
  | { action: 'clear'; chat: ChatId; last: ChatLastMessage | null }
  | { action: 'delete'; chat: ChatId; last: ChatLastMessage | null }
  /** Creates, renames, recolours or deletes a label (business accounts). */
  | { action: 'editLabel'; label: Label }
  | { action: 'labelChat'; chat: ChatId; labelId: string; on: boolean };

// Channels (WhatsApp newsletters) on the engine, as plain JSON commands and results. Ids are
// `<id>@newsletter`. Sending to a channel is an ordinary send (the send queue) to that id.
import type { ChatId } from '../chats/chat-id.js';

export interface ChannelInfo {
  id: ChatId;
  name: string;
  description: string | null;
  /** The invite code of its link (https://whatsapp.com/channel/<code>). */
  invite: string | null;
  /** ISO 8601. */
  createdAt: string | null;
  subscribers: number | null;
  verified: boolean;
  muted: boolean | null;
  /** Our role in it: owner, admin, subscriber (follower) or guest; null when WhatsApp did not say. */
  role: 'owner' | 'admin' | 'subscriber' | 'guest' | null;
}

export type ChannelCommand =
  | { action: 'create'; name: string; description: string | null }
  /** By id, or by the invite code of its link. */
  | { action: 'get'; channel: ChatId }
  | { action: 'getByInvite'; invite: string }
  /** The channels we follow or own. */
  | { action: 'list' }
  | { action: 'follow'; channel: ChatId }
  | { action: 'unfollow'; channel: ChatId }
  | { action: 'mute'; channel: ChatId; on: boolean }
  | { action: 'update'; channel: ChatId; name?: string; description?: string };

interface ChannelResults {
  create: ChannelInfo;
  get: ChannelInfo;
  getByInvite: ChannelInfo;
  list: ChannelInfo[];
  follow: null;
  unfollow: null;
  mute: null;
  update: null;
}

export type ChannelCommandResult<C extends ChannelCommand> = ChannelResults[C['action']];

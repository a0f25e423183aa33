// The core operations a surface may call. app/container.ts builds this; surfaces receive it and
// nothing else from the core's construction. Later features add their service here.
import type { AccountService } from './accounts/account.service.js';
import type { EventService } from './events/event.service.js';
import type { WebhookService } from './webhooks/webhook.service.js';
import type { MessageService } from './messages/message.service.js';
import type { MessageActionsService } from './messages/message-actions.service.js';
import type { MediaService } from './media/media.service.js';
import type { GroupService } from './groups/group.service.js';
import type { PeopleService } from './contacts/people.service.js';
import type { ChatService } from './chats/chat.service.js';
import type { ChatHistoryService } from './chats/chat-history.service.js';
import type { LabelService } from './chats/label.service.js';
import type { ChannelService } from './channels/channel.service.js';
import type { ConnectionService } from './runtime/connection.service.js';
import type { SessionService } from './sessions/session.service.js';
import type { SystemService } from './system/system.service.js';
import type { PersonalTokenService } from './tokens/personal-token.service.js';
import type { TokenService } from './tokens/token.service.js';

export interface CoreServices {
  accounts: AccountService;
  tokens: TokenService;
  personalTokens: PersonalTokenService;
  sessions: SessionService;
  system: SystemService;
  connections: ConnectionService;
  messages: MessageService;
  messageActions: MessageActionsService;
  webhooks: WebhookService;
  events: EventService;
  media: MediaService;
  groups: GroupService;
  people: PeopleService;
  chats: ChatService;
  chatHistory: ChatHistoryService;
  channels: ChannelService;
  labels: LabelService;
}

// Channels (newsletters) of a linked number: create one, read one (by id or invite link), list the
// followed ones, follow, unfollow, mute, rename. Posting to a channel we own is an ordinary send to its `…@newsletter` id.
import { InvalidError } from '../errors.js';
import { chatIdKind, normalizeChatId, type ChatId } from '../chats/chat-id.js';
import type { ChannelCommand, ChannelCommandResult, ChannelInfo } from '../ports/channel-engine.js';
import { targetOf, type SessionRouter } from '../ports/session-router.js';
import type { SessionService } from '../sessions/session.service.js';
import type { Scope } from '../tokens/scope.js';
import { assertConnected } from '../messages/message.service.js';

export interface ChannelServiceDeps {
  sessions: SessionService;
  router: SessionRouter;
}

export const CHANNEL_NAME_MAX = 100;
export const CHANNEL_DESCRIPTION_MAX = 2048;

export class ChannelService {
  constructor(private readonly deps: ChannelServiceDeps) {}

  private async run<C extends ChannelCommand>(
    scope: Scope,
    sessionRef: string,
    command: C,
  ): Promise<ChannelCommandResult<C>> {
    const session = await this.deps.sessions.get(scope, sessionRef);
    assertConnected(session);
    return (await this.deps.router.dispatch(targetOf(session), { op: 'channel', command })) as ChannelCommandResult<C>;
  }

  create(scope: Scope, session: string, name: string, description: string | null): Promise<ChannelInfo> {
    const trimmed = name.trim();
    if (!trimmed) throw new InvalidError('name: must not be empty', { field: 'name' });
    return this.run(scope, session, { action: 'create', name: trimmed, description: description || null });
  }

  /** `channel`: its `…@newsletter` id, or an invite code or https://whatsapp.com/channel/<code> link. */
  get(scope: Scope, session: string, channel: string): Promise<ChannelInfo> {
    const ref = channelRef(channel);
    return this.run(
      scope,
      session,
      'id' in ref ? { action: 'get', channel: ref.id } : { action: 'getByInvite', invite: ref.invite },
    );
  }

  /** The channels we follow or own, as WhatsApp lists them; only those where we have `role` when given. */
  async list(scope: Scope, session: string, role?: ChannelInfo['role']): Promise<ChannelInfo[]> {
    const all = await this.run(scope, session, { action: 'list' });
    return role ? all.filter((c) => c.role === role) : all;
  }

  async follow(scope: Scope, session: string, channel: string, on: boolean): Promise<ChannelInfo> {
    const id = await this.idOf(scope, session, channel);
    await this.run(scope, session, on ? { action: 'follow', channel: id } : { action: 'unfollow', channel: id });
    return this.run(scope, session, { action: 'get', channel: id });
  }

  async mute(scope: Scope, session: string, channel: string, on: boolean): Promise<ChannelInfo> {
    const id = await this.idOf(scope, session, channel);
    await this.run(scope, session, { action: 'mute', channel: id, on });
    return this.run(scope, session, { action: 'get', channel: id });
  }

  async update(
    scope: Scope,
    session: string,
    channel: string,
    change: { name?: string; description?: string },
  ): Promise<ChannelInfo> {
    const id = await this.idOf(scope, session, channel);
    await this.run(scope, session, { action: 'update', channel: id, ...change });
    return this.run(scope, session, { action: 'get', channel: id });
  }

  private async idOf(scope: Scope, session: string, channel: string): Promise<ChatId> {
    const ref = channelRef(channel);
    return 'id' in ref ? ref.id : (await this.run(scope, session, { action: 'getByInvite', invite: ref.invite })).id;
  }
}

function channelRef(input: string): { id: ChatId } | { invite: string } {
  const value = input.trim();
  if (value.endsWith('@newsletter')) {
    const id = normalizeChatId(value, 'channel');
    if (chatIdKind(id) === 'newsletter') return { id };
  }
  const invite = value.replace(/^https?:\/\/(www\.)?whatsapp\.com\/channel\//, '');
  if (/^[\w-]{6,64}$/.test(invite)) return { invite };
  throw new InvalidError('channel: must be a channel id (…@newsletter), an invite code or a channel link', {
    field: 'channel',
  });
}

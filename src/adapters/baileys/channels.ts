// Channel (newsletter) commands on a Baileys socket. WhatsApp answers these over its GraphQL-like
// "mex" queries; an unknown channel is a null metadata answer or an error with code 404.
import type { NewsletterMetadata, WASocket } from 'baileys';
import { AppError, NotFoundError } from '../../core/errors.js';
import type { ChannelCommand, ChannelCommandResult, ChannelInfo } from '../../core/ports/channel-engine.js';
import { isConnectionLoss } from './connection-errors.js';

export async function runChannelCommand<C extends ChannelCommand>(
  sock: WASocket,
  c: C,
): Promise<ChannelCommandResult<C>> {
  try {
    return (await run(sock, c)) as ChannelCommandResult<C>;
  } catch (err) {
    if (isConnectionLoss(err) || err instanceof AppError) throw err;
    const e = err as { data?: unknown; output?: { statusCode?: number }; message?: string };
    const code = typeof e?.data === 'number' ? e.data : e?.output?.statusCode;
    if (code === 404 || /not.?found/i.test(e?.message ?? ''))
      throw new NotFoundError('CHANNEL_NOT_FOUND', 'Channel not found', { cause: err });
    throw err;
  }
}

async function run(sock: WASocket, c: ChannelCommand): Promise<ChannelCommandResult<ChannelCommand>> {
  switch (c.action) {
    case 'create':
      return toChannelInfo(await sock.newsletterCreate(c.name, c.description ?? undefined));
    case 'get':
      return found(await sock.newsletterMetadata('jid', c.channel));
    case 'getByInvite':
      return found(await sock.newsletterMetadata('invite', c.invite));
    case 'follow':
      await sock.newsletterFollow(c.channel);
      return null;
    case 'unfollow':
      await sock.newsletterUnfollow(c.channel);
      return null;
    case 'mute':
      await (c.on ? sock.newsletterMute(c.channel) : sock.newsletterUnmute(c.channel));
      return null;
    case 'update':
      if (c.name !== undefined) await sock.newsletterUpdateName(c.channel, c.name);
      if (c.description !== undefined) await sock.newsletterUpdateDescription(c.channel, c.description);
      return null;
  }
}

function found(m: NewsletterMetadata | null): ChannelInfo {
  if (!m?.id) throw new NotFoundError('CHANNEL_NOT_FOUND', 'Channel not found');
  return toChannelInfo(m);
}

function toChannelInfo(m: NewsletterMetadata): ChannelInfo {
  const created = m.creation_time ?? m.thread_metadata?.creation_time;
  return {
    id: m.id,
    name: textOf(m.name) ?? textOf(m.thread_metadata?.name) ?? '',
    description: textOf(m.description) ?? textOf(m.thread_metadata?.description) ?? null,
    invite: m.invite ?? null,
    createdAt: created ? new Date(Number(created) * 1000).toISOString() : null,
    subscribers: typeof m.subscribers === 'number' ? m.subscribers : m.subscribers ? Number(m.subscribers) : null,
    verified: m.verification === 'VERIFIED',
    muted: m.mute_state === undefined ? null : m.mute_state === 'ON',
  };
}

/** Metadata texts come as strings or as `{text, id, update_time}` objects, depending on the query. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v || null;
  if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string')
    return (v as { text: string }).text || null;
  return null;
}

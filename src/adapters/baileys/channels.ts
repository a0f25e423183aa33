// Channel (newsletter) commands on a Baileys socket. WhatsApp answers these over its GraphQL-like
// "mex" queries; an unknown channel is a null metadata answer or an error with code 404.
import { type BinaryNode, getBinaryNodeChild, type NewsletterMetadata, S_WHATSAPP_NET, type WASocket } from 'baileys';
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
    case 'list':
      return (await subscribed(sock)).map(toChannelInfo);
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

function found(m: ChannelNode | null): ChannelInfo {
  if (!m?.id) throw new NotFoundError('CHANNEL_NOT_FOUND', 'Channel not found');
  return toChannelInfo(m);
}

/** Baileys' type, plus what raw `xwa2_newsletter*` answers carry (metadata by jid or invite, the list). */
type ChannelNode = NewsletterMetadata & {
  thread_metadata?: { invite?: string; subscribers_count?: string; verification?: string };
  viewer_metadata?: { mute?: 'ON' | 'OFF'; role?: string };
};

function toChannelInfo(m: ChannelNode): ChannelInfo {
  const created = m.creation_time ?? m.thread_metadata?.creation_time;
  const mute = m.mute_state ?? m.viewer_metadata?.mute;
  return {
    id: m.id,
    name: textOf(m.name) ?? textOf(m.thread_metadata?.name) ?? '',
    description: textOf(m.description) ?? textOf(m.thread_metadata?.description) ?? null,
    invite: m.invite ?? m.thread_metadata?.invite ?? null,
    createdAt: created ? new Date(Number(created) * 1000).toISOString() : null,
    subscribers: countOf(m.subscribers ?? m.thread_metadata?.subscribers_count),
    verified: (m.verification ?? m.thread_metadata?.verification) === 'VERIFIED',
    muted: mute === undefined ? null : mute === 'ON',
    role: roleOf(m.viewer_metadata?.role),
  };
}

function countOf(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'string' && v ? Number(v) : Number.NaN;
  return Number.isFinite(n) ? n : null;
}

function roleOf(role: unknown): ChannelInfo['role'] {
  const r = typeof role === 'string' ? role.toLowerCase() : '';
  return r === 'owner' || r === 'admin' || r === 'subscriber' || r === 'guest' ? r : null;
}

/** WhatsApp Web's query of the channels we follow or own (Baileys 7 has no call for it). */
const SUBSCRIBED_QUERY_ID = '6388546374527196';

/** Sends the `w:mex` query the way Baileys' own newsletter calls do, and reads its answer. */
async function subscribed(sock: WASocket): Promise<ChannelNode[]> {
  const answer: BinaryNode = await sock.query({
    tag: 'iq',
    attrs: { id: sock.generateMessageTag(), type: 'get', to: S_WHATSAPP_NET, xmlns: 'w:mex' },
    content: [
      {
        tag: 'query',
        attrs: { query_id: SUBSCRIBED_QUERY_ID },
        content: Buffer.from(JSON.stringify({ variables: {} })),
      },
    ],
  });
  const content = getBinaryNodeChild(answer, 'result')?.content;
  const data = content ? (JSON.parse(Buffer.from(content as Uint8Array).toString('utf8')) as MexAnswer) : null;
  const first = data?.errors?.[0];
  if (first)
    throw Object.assign(new Error(`channel list: ${first.message ?? 'refused'}`), {
      data: first.extensions?.error_code,
    });
  const list = data?.data?.xwa2_newsletter_subscribed;
  if (!Array.isArray(list)) throw new Error('channel list: WhatsApp answered without a list');
  return list.filter((m): m is ChannelNode => typeof m?.id === 'string');
}

interface MexAnswer {
  data?: { xwa2_newsletter_subscribed?: Array<ChannelNode | null> };
  errors?: Array<{ message?: string; extensions?: { error_code?: number } }>;
}

/** Metadata texts come as strings or as `{text, id, update_time}` objects, depending on the query. */
function textOf(v: unknown): string | null {
  if (typeof v === 'string') return v || null;
  if (v && typeof v === 'object' && typeof (v as { text?: unknown }).text === 'string')
    return (v as { text: string }).text || null;
  return null;
}

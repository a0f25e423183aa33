// Just before a queued message leaves, what its stored content only names is looked up: the local
// file of its media (MediaResolver.openForEngine) and the WhatsApp key of the message it quotes
// (which may itself have been queued when this one was accepted: FIFO order means it has left by
// now). Nothing resolved here is stored; a failure fails the message with a reason.
import type { MediaResolver } from '../media/media.types.js';
import type { Message } from '../messages/message.types.js';
import type { EarlierMessage, MediaRef, OutgoingContent } from '../ports/engine.js';
import type { StoreRepositories } from '../ports/store.js';

/** Why a claimed message cannot be sent (it is marked failed with this reason). */
export class UnsendableError extends Error {}

export interface OutgoingResolverDeps {
  /** Reads the quoted message (the runtime's own queue gave us the ids, so no account filter). */
  messages: Pick<StoreRepositories['messages'], 'findByIdInternal'>;
  /** Absent until media is configured: media kinds then fail with a clear reason. */
  media?: Pick<MediaResolver, 'openForEngine'> | undefined;
}

/** The engine's view of one of our stored messages, for quoting or forwarding it. */
export function earlierMessage(m: Message): EarlierMessage | null {
  if (!m.waId) return null;
  const participant =
    m.direction === 'in' && m.chatId.endsWith('@g.us') ? (m.sender?.jid ?? m.sender?.lid ?? null) : null;
  const body = m.content && m.content.kind !== 'forward' ? stripModifiers(m.content) : null;
  return {
    ref: { chat: m.chatId, waId: m.waId, fromMe: m.direction === 'out', participant },
    kind: m.kind,
    text: m.text,
    content: body,
    payload: m.direction === 'in' ? m.raw : null,
  };
}

function stripModifiers(content: OutgoingContent): EarlierMessage['content'] {
  const { viewOnce: _v, mentions: _m, replyTo: _r, forwarded: _f, ...body } = content;
  return body as EarlierMessage['content'];
}

export class OutgoingResolver {
  constructor(private readonly deps: OutgoingResolverDeps) {}

  /** A copy of `content` with media paths and the quoted message filled in. */
  async resolve(content: OutgoingContent): Promise<OutgoingContent> {
    let out: OutgoingContent = content;
    if ('media' in out) out = { ...out, media: await this.openMedia(out.media) };
    if (out.replyTo) {
      const quoted = await this.deps.messages.findByIdInternal(out.replyTo.messageId);
      const earlier = quoted ? earlierMessage(quoted) : null;
      if (!earlier) throw new UnsendableError(`the quoted message ${out.replyTo.messageId} was never sent`);
      out = { ...out, replyTo: { messageId: out.replyTo.messageId, quoted: earlier } };
    }
    return out;
  }

  private async openMedia(media: MediaRef): Promise<MediaRef> {
    if (!this.deps.media) throw new UnsendableError('media is not available on this server');
    try {
      const file = await this.deps.media.openForEngine(media.id);
      return { ...media, path: file.path };
    } catch (err) {
      throw new UnsendableError(
        `media ${media.id} cannot be read: ${err instanceof Error ? err.message : String(err)}`,
      );
    }
  }
}

// One validated call on a session route: the scope, the connected session (else the original's
// 404 body), the JSON body with typed field readers (a bad field is a 422 naming it), and our own
// JID for the Message shapes. `route` registers a handler answering `{success: true, …result}`.
import type { FastifyInstance } from 'fastify';
import type { ChatId } from '../../../core/chats/chat-id.js';
import { AppError } from '../../../core/errors.js';
import type { CoreServices } from '../../../core/services.js';
import type { Session } from '../../../core/sessions/session.types.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { scopeOf, WwebjsReply } from './auth.js';
import { connectedSession } from './sessions.js';
import { fromWwebjsId, toWwebjsMessage } from './shapes.js';
import type { Message } from '../../../core/messages/message.types.js';

type Json = Record<string, unknown>;

export class Call {
  private ownJid: Promise<string | null> | undefined;

  constructor(
    readonly services: CoreServices,
    readonly scope: Scope,
    readonly session: Session,
    readonly body: Json,
  ) {}

  /** The session's id (wagate's), for core calls. */
  get sid(): string {
    return this.session.id;
  }

  /** Our own JID (for `from`/`to` of messages), or null when WhatsApp has not told it. */
  me(): Promise<string | null> {
    this.ownJid ??= this.services.connections
      .me(this.scope, this.sid)
      .then((m) => m.jid)
      .catch(() => null);
    return this.ownJid;
  }

  async message(m: Message): Promise<Json> {
    return toWwebjsMessage(m, await this.me());
  }

  /**
   * A message just accepted for sending, once WhatsApp's id is fixed (whatsapp-web.js answers
   * with the sent message and its key id); after `waitMs` as it is then.
   */
  async handedOver(m: Message, waitMs = 15_000): Promise<Message> {
    const deadline = Date.now() + waitMs;
    let current = m;
    while (!current.waId && current.status !== 'failed' && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 50));
      current = await this.services.messages.get(this.scope, m.id);
    }
    return current;
  }

  /** A required string field. */
  str(name: string): string {
    const v = this.body[name];
    if (typeof v !== 'string' || v.trim() === '') throw invalid(`${name} is required (a string)`);
    return v.trim();
  }

  optStr(name: string): string | undefined {
    const v = this.body[name];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== 'string') throw invalid(`${name} must be a string`);
    return v;
  }

  optBool(name: string, fallback: boolean): boolean {
    const v = this.body[name];
    if (v === undefined || v === null) return fallback;
    if (typeof v !== 'boolean') throw invalid(`${name} must be a boolean`);
    return v;
  }

  /** A required chat/contact id field (`…@c.us`, `…@g.us`, or digits), as wagate's JID. */
  jid(name = 'chatId'): ChatId {
    return toJid(this.str(name), name);
  }

  /** A list of ids given as an array or a single string. */
  jids(name: string): ChatId[] {
    const v = this.body[name];
    const list = typeof v === 'string' ? [v] : v;
    if (!Array.isArray(list) || list.length === 0 || !list.every((x) => typeof x === 'string' && x.trim()))
      throw invalid(`${name} is required (an array of ids)`);
    return list.map((x: string) => toJid(x.trim(), name));
  }

  /** A required array of strings. */
  strings(name: string): string[] {
    const v = this.body[name];
    if (!Array.isArray(v) || !v.every((x) => typeof x === 'string' || typeof x === 'number'))
      throw invalid(`${name} is required (an array)`);
    return v.map(String);
  }
}

export function invalid(error: string): WwebjsReply {
  return new WwebjsReply(422, { success: false, error });
}

const ID = /^(\d{5,20}@s\.whatsapp\.net|\d+(-\d+)?@g\.us|\d+@lid|\d+@newsletter|status@broadcast)$/;

/**
 * `628…@c.us`, `…@g.us` or bare digits (then `@c.us`, as the original appends) → wagate's JID;
 * anything else is a 422 naming `field`.
 */
export function toJid(id: string, field = 'chatId'): ChatId {
  const jid = fromWwebjsId(id.includes('@') ? id : `${id.replace(/^\+/, '')}@c.us`);
  if (!ID.test(jid)) throw invalid(`${field}: not a WhatsApp id (…@c.us, …@g.us)`);
  return jid;
}

export type Handler = (c: Call) => Promise<Json>;

/** The core's field names as this surface's bodies name them (a route may add its own). */
const FIELDS: Record<string, string> = {
  to: 'chatId',
  chat: 'chatId',
  contact: 'contactId',
  participants: 'contactIds',
  replyTo: 'options.quotedMessageId',
  code: 'inviteCode',
  image: 'pictureData',
  picture: 'pictureData',
  about: 'status',
  name: 'displayName',
  until: 'unmuteDate',
  emoji: 'reaction',
};

/** Registers a session route answering `{success: true, ...result}` (result keys as the original). */
export function route(
  app: FastifyInstance,
  services: CoreServices,
  method: 'GET' | 'POST',
  path: string,
  handler: Handler,
  fields: Record<string, string> = {},
): void {
  app.route({
    method,
    url: `${path}/:sessionId`,
    handler: async (req) => {
      const session = await connectedSession(services, req);
      const body = req.body && typeof req.body === 'object' ? (req.body as Json) : {};
      try {
        const result = await handler(new Call(services, scopeOf(req), session, body));
        return { success: true, ...result };
      } catch (err) {
        const ours = err instanceof AppError && err.field ? (fields[err.field] ?? FIELDS[err.field]) : undefined;
        throw ours && err instanceof AppError ? err.withField(ours) : err;
      }
    },
  });
}

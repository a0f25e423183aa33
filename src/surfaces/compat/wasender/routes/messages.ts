// Message endpoints C25, C28–C32 and presence C16 (API-CATALOG.md §4.2, §4.4), session key only.
// msgId is the message's stored integer alias; it is turned back into the message through the core.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { AppError } from '../../../../core/errors.js';
import { normalizeChatId } from '../../../../core/chats/chat-id.js';
import type { CoreServices } from '../../../../core/services.js';
import type { SessionKeyScope } from '../../../../core/tokens/scope.js';
import { sessionKeyScope } from '../auth.js';
import { WasenderValidationError } from '../errors.js';
import { RULES, setRateLimitHeaders, type WasenderLimits } from '../limits.js';
import { toEditResult, toMessageInfo } from '../message-json.js';
import { sendBody, toSendMessage, vendorField, type SendBody } from '../send-body.js';
import { parseInput } from '../validate.js';

const msgIdParams = z.object({ msgId: z.string().regex(/^[1-9][0-9]{0,15}$/, 'must be a positive integer') });
const presenceBody = z.object({
  jid: z.string().trim().min(1).max(128),
  type: z.enum(['composing', 'recording', 'paused', 'available', 'unavailable']),
  delayMs: z.number().int().min(0).max(60_000).optional(),
});
const readBody = z.object({
  key: z.object({
    id: z.string().min(1).max(128),
    remoteJid: z.string().min(1).max(128),
    fromMe: z.boolean(),
    participant: z.string().max(128).optional(),
  }),
});

/** Our message id of a msgId the caller may see (404 otherwise). */
async function messageOf(services: CoreServices, scope: SessionKeyScope, raw: unknown) {
  const { msgId } = parseInput(msgIdParams, raw);
  return services.messages.getBySeq(scope, Number(msgId));
}

/** A core error naming a command field names the body's field instead. */
async function inVendorTerms<T>(body: SendBody, work: Promise<T>): Promise<T> {
  try {
    return await work;
  } catch (err) {
    if (err instanceof AppError && err.field) throw err.withField(vendorField(body, err.field));
    throw err;
  }
}

export function registerWasenderMessages(app: FastifyInstance, services: CoreServices, limits: WasenderLimits): void {
  app.post('/send-message', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const body = parseInput(sendBody, req.body);
    let replyTo: string | undefined;
    if (body.replyTo !== undefined) {
      replyTo = await services.messages.getBySeq(scope, body.replyTo).then(
        (m) => m.id,
        () => {
          throw new WasenderValidationError({ replyTo: [`The replyTo message ${body.replyTo} was not found.`] });
        },
      );
    }
    const cmd = await inVendorTerms(
      body,
      Promise.resolve().then(() => toSendMessage(body, replyTo)),
    );
    const session = await services.sessions.get(scope, scope.sessionId);
    const protectedSend = session.settings.account_protection ? [RULES.protection] : [];
    await limits.take(reply, session.id, protectedSend);
    let outcome: Awaited<ReturnType<CoreServices['messages']['send']>>;
    try {
      outcome = await inVendorTerms(body, services.messages.send(scope, scope.sessionId, cmd));
    } catch (err) {
      await limits.refund(session.id, protectedSend);
      throw err;
    }
    if (outcome.quota && !protectedSend.length) setRateLimitHeaders(reply, outcome.quota);
    return { success: true, data: { msgId: outcome.message.seq, jid: body.to, status: 'in_progress' } };
  });

  app.get('/messages/:msgId/info', async (req) => {
    const scope = await sessionKeyScope(services, req);
    return { success: true, data: toMessageInfo(await messageOf(services, scope, req.params)) };
  });

  app.put('/messages/:msgId', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { text } = parseInput(z.object({ text: z.string().min(1).max(65_536) }), req.body);
    const m = await messageOf(services, scope, req.params);
    const edited = await services.messageActions.edit(scope, m.id, text);
    return { success: true, data: toEditResult(edited, text, Date.now()) };
  });

  app.delete('/messages/:msgId', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const m = await messageOf(services, scope, req.params);
    await services.messageActions.revoke(scope, m.id);
    return { success: true, message: 'Message deleted successfully.' };
  });

  app.post('/messages/:msgId/resend', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const m = await messageOf(services, scope, req.params);
    await services.messageActions.resend(scope, m.id);
    return { success: true, message: 'Message resend initiated successfully.' };
  });

  app.post('/messages/read', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { key } = parseInput(readBody, req.body);
    await services.messageActions.markRead(scope, scope.sessionId, {
      keys: [
        {
          waId: key.id,
          chat: normalizeChatId(key.remoteJid, 'key.remoteJid'),
          fromMe: key.fromMe,
          participant: key.participant ? normalizeChatId(key.participant, 'key.participant') : null,
        },
      ],
    });
    return { success: true, data: { status: 'read' } };
  });

  app.post('/send-presence-update', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const b = parseInput(presenceBody, req.body);
    const own = b.type === 'available' || b.type === 'unavailable';
    const to = own ? null : normalizeChatId(b.jid, 'jid');
    await services.messageActions.presence(scope, scope.sessionId, { presence: b.type, to });
    // delayMs: the chat state shows that long, then stops (WhatsApp clears it by itself later too).
    if (to && b.delayMs && (b.type === 'composing' || b.type === 'recording')) {
      setTimeout(() => {
        services.messageActions
          .presence(scope, scope.sessionId, { presence: 'paused', to })
          .catch((err: unknown) => req.log.debug({ err }, 'wasender: pausing presence failed'));
      }, b.delayMs).unref();
    }
    return { success: true, data: { jid: b.jid, type: b.type } };
  });
}

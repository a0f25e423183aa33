// Wapio's channel extra (API-CATALOG §3.6): a session's message logs, the documented way to find a
// channel's `…@newsletter` id (post in it from the phone, then read the logs). Posting to a channel
// is /api/send-message with `channel_id`. Items are WasenderApi's MessageLog (§4.2 C9) with Wapio's
// ids and statuses, plus the chat's `jid` and the direction.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beforeIdParam, limitParam } from './query.js';
import type { Message } from '../../../core/messages/message.types.js';
import type { CoreServices } from '../../../core/services.js';
import { getScope } from '../../http/plugins/auth.js';
import { fromWapioSessionId, toWapioMessageId, toWapioSessionId } from './ids.js';
import { wapioMessageStatus } from './message.json.js';

const params = z.object({ sessionId: z.string().min(1).max(128) });
const query = z.object({
  limit: limitParam(100, 20),
  before_id: beforeIdParam,
});

function toMessageLog(m: Message) {
  return {
    id: toWapioMessageId(m.id),
    whatsapp_session_id: toWapioSessionId(m.sessionId),
    direction: m.direction === 'out' ? 'outgoing' : 'incoming',
    jid: m.chatId,
    to: m.direction === 'out' ? m.chatId : null,
    from: m.direction === 'in' ? (m.sender?.jid ?? m.chatId) : null,
    kind: m.kind,
    content: JSON.stringify(m.content ?? { text: m.text }),
    status: wapioMessageStatus(m.status),
    failed_reason: m.error,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function registerWapioChannelRoutes(app: FastifyInstance, services: CoreServices): void {
  app
    .withTypeProvider<ZodTypeProvider>()
    .get('/api/whatsapp-sessions/:sessionId/message-logs', { schema: { params, querystring: query } }, async (req) => {
      const page = await services.messages.list(getScope(req), fromWapioSessionId(req.params.sessionId), {
        limit: req.query.limit,
        ...(req.query.before_id ? { cursor: req.query.before_id } : {}),
      });
      return { data: page.data.map(toMessageLog), next_cursor: page.nextCursor };
    });
}

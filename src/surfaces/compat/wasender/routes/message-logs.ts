// C9 message-logs (API-CATALOG.md §4.2): a session's sent messages as Laravel pages of MessageLog,
// over the core's message list. `id` is the msgId (string, as the vendor shows it).
import type { FastifyInstance } from 'fastify';
import type { Message } from '../../../../core/messages/message.types.js';
import type { CoreServices } from '../../../../core/services.js';
import { phoneOf } from '../../../../core/chats/chat-id.js';
import { wasenderScope } from '../auth.js';
import { laravelPage, laravelQuery, pageByNumber } from '../pagination.js';
import { sessionBySeq } from '../session-ref.js';
import { parseInput } from '../validate.js';

function logStatus(m: Message): 'sent' | 'in_progress' | 'failed' {
  if (m.status === 'failed') return 'failed';
  return m.status === 'queued' || m.status === 'sending' ? 'in_progress' : 'sent';
}

/** SQL-style timestamps, as the vendor's logs show them. */
function sqlTime(iso: string): string {
  return iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, '');
}

export function registerWasenderMessageLogs(app: FastifyInstance, services: CoreServices): void {
  app.get('/whatsapp-sessions/:id/message-logs', async (req) => {
    const scope = await wasenderScope(services, req);
    const q = parseInput(laravelQuery, req.query);
    const session = await sessionBySeq(services, scope, (req.params as { id: string }).id);
    const { rows, hasMore } = await pageByNumber(q.page, (cursor) =>
      services.messages.list(scope, session.id, { direction: 'out', limit: q.per_page, ...(cursor ? { cursor } : {}) }),
    );
    const logged = session.settings.log_messages;
    const items = rows.map((m) => {
      const phone = phoneOf(m.chatId);
      return {
        id: String(m.seq),
        whatsapp_session_id: String(session.seq),
        to: logged ? (phone ? `+${phone}` : m.chatId) : null,
        content: logged ? JSON.stringify(m.kind === 'text' ? { text: m.text } : { type: m.kind, text: m.text }) : null,
        status: logStatus(m),
        failed_reason: m.error,
        created_at: sqlTime(m.createdAt),
        updated_at: sqlTime(m.updatedAt),
      };
    });
    return { success: true, data: laravelPage(req, q.page, q.per_page, items, hasMore) };
  });
}

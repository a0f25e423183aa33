// The endpoints Wapio's SDK calls that its seed leaves out (API-CATALOG §3.7, "should" level): the
// key's session status, its own WhatsApp user, the session's lifecycle log, and decrypt-media.
// Shapes are WasenderApi's (C6, C13, C12) unwrapped, with Wapio's ids and statuses.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { MEDIA_KINDS } from '../../../core/media/media.types.js';
import type { CoreServices } from '../../../core/services.js';
import { getScope } from '../../http/plugins/auth.js';
import { requestOrigin } from '../../http/schemas/media.js';
import { scopeAndSession } from './auth.js';
import { fromWapioSessionId, toWapioSessionId } from './ids.js';
import { beforeIdParam, limitParam } from './query.js';
import { toWapioSession } from './session.json.js';

const sessionQuery = z.object({ session_id: z.string().min(1).optional() });

export function registerWapioExtraRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.get('/api/status', { schema: { querystring: sessionQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return { status: toWapioSession(await services.sessions.get(scope, session)).status };
  });

  r.get('/api/user', { schema: { querystring: sessionQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    const me = await services.connections.me(scope, session);
    return { id: me.jid, name: me.pushName, lid: me.lid, phone_number: me.phoneNumber };
  });

  r.get(
    '/api/whatsapp-sessions/:sessionId/session-logs',
    {
      schema: {
        params: z.object({ sessionId: z.string().min(1).max(128) }),
        querystring: z.object({ limit: limitParam(100, 20), before_id: beforeIdParam }),
      },
    },
    async (req) => {
      const page = await services.sessions.logs(getScope(req), fromWapioSessionId(req.params.sessionId), {
        limit: req.query.limit,
        ...(req.query.before_id ? { cursor: req.query.before_id } : {}),
      });
      return {
        data: page.data.map((l) => ({
          id: l.id,
          whatsapp_session_id: toWapioSessionId(l.sessionId),
          event_type: l.event,
          detail: l.detail,
          occurred_at: l.createdAt,
        })),
        next_cursor: page.nextCursor,
      };
    },
  );

  // The SDK's body: the media fields of a received message (Baileys' names), bytes as base64.
  const decryptBody = z.object({
    type: z.enum(MEDIA_KINDS),
    mediaKey: z.string().min(1).max(200),
    url: z.string().url().max(2048).optional(),
    directPath: z.string().min(1).max(2048).optional(),
    mimetype: z.string().max(255).optional(),
    fileSha256: z.string().max(200).optional(),
    fileEncSha256: z.string().max(200).optional(),
    fileName: z.string().max(255).optional(),
    session_id: z.string().min(1).optional(),
  });
  r.post('/api/decrypt-media', { schema: { body: decryptBody } }, async (req) => {
    const { session_id: _session, ...d } = req.body;
    const media = await services.media.decrypt(getScope(req), d);
    const view = services.media.view(media, requestOrigin(req));
    return {
      media_id: view.id,
      url: view.url,
      publicUrl: view.url,
      mimetype: view.mimetype,
      size: view.size,
      sha256: view.sha256,
      file_name: view.fileName,
    };
  });
}

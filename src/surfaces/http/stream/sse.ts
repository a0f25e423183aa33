// GET /v1/events — events.stream: Server-Sent Events, scoped by the token (a session key sees its
// session; a PAT its account, or one session with ?session_id=). Resumable: send Last-Event-ID
// (header, or ?last_event_id=) and the stream replays every later event from the outbox first.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { DomainEvent } from '../../../core/events/index.js';
import { getScope } from '../plugins/auth.js';
import { commonErrors, errorResponses } from '../plugins/error-envelope.js';
import { toEventJson, type WebhookSurfaceServices } from '../schemas/webhook.js';

export const streamQuery = z.object({
  session_id: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .describe('Only this session (PAT only; a session key always gets its own)'),
  types: z
    .string()
    .max(2000)
    .optional()
    .describe('Comma-separated event types or patterns, e.g. `messages.*,session.status`'),
  last_event_id: z.string().max(100).optional().describe('Resume after this event (same as the Last-Event-ID header)'),
});

/** A client this far behind is disconnected; it resumes from the outbox with Last-Event-ID. */
export const MAX_UNSENT_BYTES = 1024 * 1024;
const HEARTBEAT_MS = 15_000;

export function splitTypes(types: string | undefined): string[] | null {
  const list = (types ?? '')
    .split(',')
    .map((t) => t.trim())
    .filter(Boolean);
  return list.length > 0 ? list : null;
}

export function registerEventsStream(app: FastifyInstance, services: WebhookSurfaceServices): void {
  // Hijacked responses are not closed by fastify: end them when the server stops, or close() waits.
  const open = new Set<import('node:http').ServerResponse>();
  app.addHook('preClose', async () => {
    for (const res of open) if (!res.writableEnded) res.end();
  });
  app.withTypeProvider<ZodTypeProvider>().get('/events', {
    schema: {
      operationId: 'events.stream',
      tags: ['events'],
      summary: 'Live events (Server-Sent Events)',
      description:
        'text/event-stream; each message has `id` (the event id), `event` (the type) and `data` (the event JSON). ' +
        'Reconnect with Last-Event-ID to get every event since, with no gap. Also over WebSocket at /v1/events/ws.',
      querystring: streamQuery,
      response: { 200: z.string().describe('text/event-stream'), ...errorResponses(...commonErrors) },
    },
    handler: async (req, reply) => {
      const lastHeader = req.headers['last-event-id'];
      const lastEventId = (typeof lastHeader === 'string' && lastHeader) || req.query.last_event_id || null;
      const stream = await services.events.prepareStream(getScope(req), {
        sessionId: req.query.session_id ?? null,
        patterns: splitTypes(req.query.types),
        lastEventId,
      });
      reply.hijack();
      const res = reply.raw;
      res.writeHead(200, {
        'content-type': 'text/event-stream; charset=utf-8',
        'cache-control': 'no-cache, no-transform',
        connection: 'keep-alive',
        'x-accel-buffering': 'no',
        'x-request-id': req.id,
      });
      res.write('retry: 2000\n\n');
      // 'close' only comes once the socket is gone, which for a client that stopped reading is
      // long after we ended the response: a write after end() raises ERR_STREAM_WRITE_AFTER_END as
      // an unhandled 'error' and takes the process down, so every write checks writableEnded.
      let closed = false;
      let stop: (() => void) | null = null;
      const cleanup = () => {
        closed = true;
        clearInterval(heartbeat);
        stop?.();
      };
      const send = (e: DomainEvent) => {
        if (closed || res.writableEnded) return;
        res.write(`id: ${e.id}\nevent: ${e.type}\ndata: ${JSON.stringify(toEventJson(e))}\n\n`);
        if (res.writableLength > MAX_UNSENT_BYTES) {
          res.end();
          cleanup();
        }
      };
      const heartbeat = setInterval(() => {
        if (!res.writableEnded) res.write(': ping\n\n');
      }, HEARTBEAT_MS);
      open.add(res);
      res.on('close', () => {
        open.delete(res);
        cleanup();
      });
      try {
        // Revoked/rotated key or deleted session: end the response; the client's reconnect gets 401/404.
        const end = () => {
          if (!res.writableEnded) res.end();
          cleanup();
        };
        stop = await stream.start(send, () => closed, end);
        if (closed) stop();
      } catch (err) {
        req.log.error({ err }, 'event stream failed');
        if (!res.writableEnded) res.end();
        cleanup();
      }
    },
  });
}

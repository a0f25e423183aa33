// GET /v1/events/ws — events.streamWs: the same live events over a WebSocket. Each text frame is
// one event's JSON; resume with ?last_event_id=. Authentication as for every /v1 route (the
// Authorization header of the upgrade request). The websocket plugin itself is registered on the
// root instance (registerWebSocketSupport), so that a refused upgrade's socket is closed.
import websocket from '@fastify/websocket';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { DomainEvent } from '../../../core/events/index.js';
import { getScope } from '../plugins/auth.js';
import { toEventJson, type WebhookSurfaceServices } from '../schemas/webhook.js';
import { MAX_UNSENT_BYTES, splitTypes, streamQuery } from './sse.js';

export async function registerEventsStreamWs(app: FastifyInstance, services: WebhookSurfaceServices): Promise<void> {
  await app.register(async (scoped) => {
    scoped.withTypeProvider<ZodTypeProvider>().get(
      '/events/ws',
      {
        websocket: true,
        schema: {
          operationId: 'events.streamWs',
          tags: ['events'],
          summary: 'Live events (WebSocket)',
          querystring: streamQuery,
        },
      },
      async (socket, req) => {
        let closed = false;
        let stop: (() => void) | null = null;
        socket.on('close', () => {
          closed = true;
          stop?.();
        });
        try {
          const stream = await services.events.prepareStream(getScope(req), {
            sessionId: req.query.session_id ?? null,
            patterns: splitTypes(req.query.types),
            lastEventId: req.query.last_event_id ?? null,
          });
          const send = (e: DomainEvent) => {
            // After close() the socket is CLOSING until the peer answers: stop sending at once.
            if (closed || socket.readyState !== socket.OPEN) return;
            socket.send(JSON.stringify(toEventJson(e)));
            // Too far behind: close; the client resumes with ?last_event_id=.
            if (socket.bufferedAmount > MAX_UNSENT_BYTES) socket.close(1013, 'too slow, resume with last_event_id');
          };
          // Revoked/rotated key or deleted session: 1008 (policy violation) names why.
          const end = (reason: string) => {
            if (closed) return;
            socket.close(1008, reason === 'revoked' ? 'token revoked' : 'session deleted');
            // A peer that never answers the close frame is cut off instead of holding the socket.
            setTimeout(() => socket.terminate(), 1_000).unref();
          };
          stop = await stream.start(send, () => closed, end);
          if (closed) stop();
        } catch (err) {
          const code = (err as { code?: unknown }).code;
          socket.send(
            JSON.stringify({
              error: {
                code: typeof code === 'string' ? code : 'INTERNAL_ERROR',
                message: err instanceof Error ? err.message : 'error',
              },
            }),
          );
          socket.close(1008, 'bad request');
        }
      },
    );
  });
}

/**
 * The websocket plugin on the root instance, before any auth hook. Its onRequest hook marks upgrade
 * requests, and its onResponse hook destroys their socket once any answer other than the upgrade
 * was written (401, 404, 429, …). Registered inside /v1 instead, its onRequest ran after the auth
 * hook had already refused the request, so refused upgrades kept their socket open forever
 * (CLOSE-WAIT), exhausting descriptors and holding up server.close().
 */
export async function registerWebSocketSupport(app: FastifyInstance): Promise<void> {
  await app.register(websocket, { options: { maxPayload: 64 * 1024 } });
}

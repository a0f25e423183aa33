// Oversized bodies get a 413 the client can actually read.
//
// Two ways a client used to miss it: (1) with `Expect: 100-continue` (curl sends it for large
// bodies) Node answered `100 Continue` by itself, the client started sending, and the 413 that
// followed raced a closed socket; (2) without Expect, fastify answered 413 with `Connection: close`
// while the client was still writing, and closing a socket that still receives data sends a TCP
// reset, which can destroy the 413 before the client reads it ("fetch failed", curl error 55).
// So: the Expect check happens here, against the route's own body limit, before any `100 Continue`;
// and when the body is already on its way, it is read and thrown away (bounded) instead of cut off.
import type { IncomingMessage } from 'node:http';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { envelope } from './error-envelope.js';

/** Past this many bytes (or this long) of a rejected body, close the connection after all. */
const MAX_DRAIN_BYTES = 64 * 1024 * 1024;
const MAX_DRAIN_MS = 10_000;

/** Requests that sent `Expect: 100-continue` and have not been told to continue yet. */
const awaitingContinue = new WeakSet<IncomingMessage>();

function mebibytes(bytes: number): string {
  const mib = bytes / (1024 * 1024);
  return `${Number.isInteger(mib) ? mib : mib.toFixed(1)} MiB`;
}

/** The 413 message: the limit, and where files go instead. */
export function bodyTooLargeMessage(limit: number, url: string): string {
  const base = `The request body is over this route's limit of ${limit} bytes (${mebibytes(limit)})`;
  if (url.split('?')[0]?.replace(/\/$/, '') === '/v1/media')
    return `${base}; media files are limited by kind (see docs/errors.md MEDIA_TOO_LARGE)`;
  return `${base}. Upload files with POST /v1/media (the file as the body) and send them by media_id`;
}

export function registerBodyLimit(app: FastifyInstance): void {
  // With a 'checkContinue' listener, Node leaves the `100 Continue` to us: the onRequest hook below
  // sends it once the route (and so its body limit) is known.
  app.server.on('checkContinue', (req: IncomingMessage, res) => {
    awaitingContinue.add(req);
    app.server.emit('request', req, res);
  });
  app.addHook('onRequest', async (req, reply) => {
    if (!awaitingContinue.delete(req.raw)) return;
    const limit = req.routeOptions.bodyLimit;
    if (Number(req.headers['content-length']) > limit) {
      // The client has sent nothing yet and will not: closing is clean here.
      reply.header('connection', 'close');
      return reply.code(413).send(envelope('PAYLOAD_TOO_LARGE', bodyTooLargeMessage(limit, req.url), null, req.id));
    }
    reply.raw.writeContinue();
    return undefined;
  });
}

/**
 * Called when fastify's body parser refused a body over the limit: keep the connection open and
 * read the rest of the body into nothing, so the client finishes writing and reads the 413. A body
 * declared over MAX_DRAIN_BYTES is cut off at once; one that keeps coming past the byte or time
 * bound has its connection destroyed.
 */
export function drainRejectedBody(req: FastifyRequest, reply: FastifyReply): void {
  const raw = req.raw;
  const declared = Number(req.headers['content-length']);
  if (raw.complete || raw.destroyed) return;
  if (declared > MAX_DRAIN_BYTES) {
    reply.header('connection', 'close');
    return;
  }
  // fastify asked for `Connection: close` ("the client may send more data"); reading that data
  // instead keeps the connection usable and the 413 readable.
  reply.removeHeader('connection');
  let drained = 0;
  const giveUp = () => raw.socket?.destroy();
  const timer = setTimeout(giveUp, MAX_DRAIN_MS);
  timer.unref();
  raw.on('data', (chunk: Buffer) => {
    drained += chunk.length;
    if (drained > MAX_DRAIN_BYTES) giveUp();
  });
  raw.once('end', () => clearTimeout(timer));
  raw.once('close', () => clearTimeout(timer));
  raw.resume();
}

// One log line per request, written when the answer has gone out (fastify's own request logging,
// two multi-line entries per request, is switched off where the instance is created):
// msg `POST /v1/sessions/ses_…/messages 202 3ms`, plus the same under `http` for JSON consumers
// (the terminal format hides `http`, so the line stays short). The query string is left out (it
// can carry ids a log reader need not see); health probes log at debug.
import type { FastifyInstance } from 'fastify';

const PROBES = new Set(['/health', '/ready']);

export function registerRequestLog(app: FastifyInstance): void {
  app.addHook('onResponse', async (req, reply) => {
    const path = req.url.split('?')[0] ?? req.url;
    const responseTime = Math.round(reply.elapsedTime);
    const line = `${req.method} ${path} ${reply.statusCode} ${responseTime}ms`;
    const fields = { http: { method: req.method, path, status: reply.statusCode, ms: responseTime, request_id: req.id } };
    // The root logger: the request's child logger would add its reqId binding to the short line.
    if (PROBES.has(path)) app.log.debug(fields, line);
    else app.log.info(fields, line);
  });
}

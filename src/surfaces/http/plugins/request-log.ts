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
    const fields = {
      http: { method: req.method, path, status: reply.statusCode, ms: responseTime, request_id: req.id },
    };
    // The request's own logger: in JSON its line carries reqId and, once authenticated, accountId
    // and sessionId (the terminal format leaves those bindings out, so the line stays short).
    if (PROBES.has(path)) reply.log.debug(fields, line);
    else reply.log.info(fields, line);
  });
}

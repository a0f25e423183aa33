// WabSync's error body (API-CATALOG §5.1): `{error: true, message, code, details}` with the seed's
// statuses: 400 bad request (also a wrong state, CANONICAL §4.3), 401 token (also a token of the
// wrong kind), 404, 422 validation (details names the field), 500. Rate limits add 429 (the seed
// sends X-RateLimit-* but lists no status for going over). `code` is wagate's stable code
// (docs/errors.md), so one code means one thing on every surface.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import {
  AppError,
  ForbiddenError,
  InvalidError,
  NotFoundError,
  RateLimitedError,
  UnauthorizedError,
  UpstreamError,
} from '../../../core/errors.js';
import { issueSentence } from '../../../lib/validation-sentence.js';
import { drainRejectedBody } from '../../http/plugins/body-limit.js';

export interface WabSyncErrorBody {
  error: true;
  message: string;
  code: string;
  details: Record<string, unknown>;
}

export function wabsyncError(message: string, code: string, details: Record<string, unknown> = {}): WabSyncErrorBody {
  return { error: true, message, code, details };
}

function statusOf(err: AppError): number {
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof ForbiddenError) return err.code === 'TOKEN_KIND_FORBIDDEN' ? 401 : 400;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof InvalidError) return 422;
  if (err instanceof RateLimitedError) return 429;
  if (err instanceof UpstreamError) return 500;
  return 400; // conflicts, a session that is not connected, media too large: the request cannot be done now
}

const FASTIFY_CODES: Record<string, { code: string; message: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The request body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send JSON (Content-Type: application/json)',
  },
  FST_ERR_CTP_BODY_TOO_LARGE: { code: 'PAYLOAD_TOO_LARGE', message: 'The request body is too large' },
};

export function registerWabSyncErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const status = statusOf(err);
      const details: Record<string, unknown> = err.field ? { [err.field]: err.message } : {};
      if (err instanceof RateLimitedError) {
        const retryAfter = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
        reply.header('retry-after', retryAfter);
        details['retry_after'] = retryAfter;
      }
      if (status >= 500) req.log.warn({ err }, 'wabsync: dependency failure');
      return reply.code(status).send(wabsyncError(err.message, err.code, details));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const details: Record<string, string> = {};
      for (const v of err.validation) {
        const path = v.instancePath.split('/').filter(Boolean);
        const keys = v.params['keys'];
        if (v.keyword === 'unrecognized_keys' && Array.isArray(keys) && typeof keys[0] === 'string') path.push(keys[0]);
        const field = path.join('.') || (err.validationContext ?? 'body');
        details[field] ??= `${field}: ${issueSentence({ code: v.keyword, message: v.message, params: v.params })}`;
      }
      const first = Object.values(details)[0] ?? 'body: is not valid';
      return reply.code(422).send(wabsyncError(first, 'VALIDATION_FAILED', details));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') drainRejectedBody(req, reply);
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped) return reply.code(400).send(wabsyncError(mapped.message, mapped.code));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(400).send(wabsyncError(err.message, 'BAD_REQUEST'));
    }
    req.log.error({ err }, 'wabsync: unhandled error');
    return reply.code(500).send(wabsyncError('Internal server error', 'INTERNAL_ERROR'));
  });
  app.setNotFoundHandler((req, reply) => {
    const path = req.url.split('?')[0];
    reply.code(404).send(wabsyncError(`No route ${req.method} ${path}`, 'ROUTE_NOT_FOUND'));
  });
}

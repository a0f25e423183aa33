// Turns every error into the /v1 envelope with the right status. Input can never produce a 500:
// fastify's own body/validation errors are mapped to 4xx here; only our bugs give 500, logged with
// the stack and answered with a generic message.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, RateLimitedError } from '../../../core/errors.js';
import { issueSentence } from '../../../lib/validation-sentence.js';
import { bodyTooLargeMessage, drainRejectedBody } from './body-limit.js';
import { envelope, statusOf } from './error-envelope.js';
import { isQuota, setSendQuotaHeaders } from './rate-limit.js';

interface FastifyCodeMapping {
  status: number;
  code: string;
  message?: string;
}

const FASTIFY_CODES: Record<string, FastifyCodeMapping> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The request body is empty' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: {
    status: 415,
    code: 'UNSUPPORTED_MEDIA_TYPE',
    message: 'Send JSON (Content-Type: application/json)',
  },
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: {
    status: 400,
    code: 'BAD_REQUEST',
    message: 'Content-Length does not match the body',
  },
};

/**
 * For fastify's `frameworkErrors` option: errors raised by the router before any hook runs (a
 * malformed URL encoding, a path parameter over maxParamLength), rendered in the same envelope.
 */
export function frameworkErrorHandler(err: FastifyError, req: FastifyRequest, reply: FastifyReply): void {
  const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 400;
  const code = status === 414 ? 'URI_TOO_LONG' : 'BAD_REQUEST';
  reply
    .header('x-request-id', req.id)
    .code(status)
    .send(envelope(code, err.message, null, req.id));
}

export function registerErrorHandling(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof AppError) {
      const retryAfter = err instanceof RateLimitedError ? Math.max(1, Math.ceil(err.retryAfterMs / 1000)) : undefined;
      if (retryAfter !== undefined) reply.header('retry-after', retryAfter);
      const quota = err instanceof RateLimitedError ? err.context?.['quota'] : undefined;
      if (isQuota(quota)) setSendQuotaHeaders(reply, quota);
      const status = statusOf(err);
      if (status >= 500) req.log.warn({ err }, 'dependency failure');
      return reply.code(status).send(envelope(err.code, err.message, err.field, req.id, retryAfter));
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const first = err.validation[0];
      const path = first ? first.instancePath.split('/').filter(Boolean) : [];
      const keys = first?.params['keys'];
      if (first?.keyword === 'unrecognized_keys' && Array.isArray(keys) && typeof keys[0] === 'string')
        path.push(keys[0]);
      const field = path.length > 0 ? path.join('.') : err.validationContext === 'body' ? 'body' : null;
      const message = `${field ?? err.validationContext ?? 'input'}: ${first ? issueSentence({ code: first.keyword, message: first.message, params: first.params }) : 'is not valid'}`;
      return reply.code(400).send(envelope('VALIDATION_FAILED', message, field, req.id));
    }
    if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') {
      drainRejectedBody(req, reply);
      const message = bodyTooLargeMessage(req.routeOptions.bodyLimit, req.url);
      return reply.code(413).send(envelope('PAYLOAD_TOO_LARGE', message, null, req.id));
    }
    const mapped = err.code ? FASTIFY_CODES[err.code] : undefined;
    if (mapped)
      return reply.code(mapped.status).send(envelope(mapped.code, mapped.message ?? err.message, null, req.id));
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      return reply.code(err.statusCode).send(envelope('BAD_REQUEST', err.message, null, req.id));
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(envelope('INTERNAL_ERROR', 'Internal server error', null, req.id));
  });

  app.setNotFoundHandler((req, reply) => {
    reply.code(404).send(envelope('ROUTE_NOT_FOUND', `No route ${req.method} ${req.url.split('?')[0]}`, null, req.id));
  });
}

// Wapio's error envelope {success:false, message, reason_code, errors} (API-CATALOG §3.1): input
// errors are 422 validation_error with errors {field: [message]}, 429 rate_limited with
// Retry-After; the other statuses get the reason codes the catalog proposes.
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError, InvalidError, RateLimitedError } from '../../../core/errors.js';
import { statusOf } from '../../http/plugins/error-envelope.js';

export interface WapioErrorBody {
  success: false;
  message: string;
  reason_code: string;
  errors: Record<string, string[]> | null;
}

const REASONS: Record<number, string> = {
  401: 'unauthorized',
  403: 'forbidden',
  404: 'not_found',
  409: 'invalid_state',
  413: 'payload_too_large',
  422: 'validation_error',
  429: 'rate_limited',
  502: 'upstream_error',
  503: 'unavailable',
  504: 'upstream_timeout',
};

export function wapioError(
  status: number,
  message: string,
  field: string | null = null,
  reason?: string,
): { status: number; body: WapioErrorBody } {
  const reason_code = reason ?? REASONS[status] ?? (status >= 500 ? 'server_error' : 'bad_request');
  return { status, body: { success: false, message, reason_code, errors: field ? { [field]: [message] } : null } };
}

/** A 4xx the surface itself decides (pat_required, session_mismatch). */
export class WapioRefusal extends Error {
  constructor(
    readonly status: number,
    readonly reason: string,
    message: string,
    readonly field: string | null = null,
  ) {
    super(message);
  }
}

export function registerWapioErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError, req: FastifyRequest, reply: FastifyReply) => {
    if (err instanceof WapioRefusal) {
      const e = wapioError(err.status, err.message, err.field, err.reason);
      return reply.code(e.status).send(e.body);
    }
    if (err instanceof AppError) {
      if (err instanceof RateLimitedError) reply.header('retry-after', Math.max(1, Math.ceil(err.retryAfterMs / 1000)));
      // wagate's 400 for bad input is Wapio's 422.
      const status = err instanceof InvalidError ? 422 : statusOf(err);
      if (status >= 500) req.log.warn({ err }, 'dependency failure');
      const e = wapioError(status, err.message, err.field ?? (status === 422 ? 'body' : null));
      return reply.code(e.status).send(e.body);
    }
    if (hasZodFastifySchemaValidationErrors(err)) {
      const errors: Record<string, string[]> = {};
      for (const v of err.validation) {
        const field = v.instancePath.split('/').filter(Boolean).join('.') || (err.validationContext ?? 'body');
        errors[field] = [...(errors[field] ?? []), v.message ?? 'Invalid'];
      }
      return reply
        .code(422)
        .send({ success: false, message: 'Validation failed', reason_code: 'validation_error', errors });
    }
    if (err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500) {
      const e = wapioError(err.statusCode === 400 ? 422 : err.statusCode, err.message, null);
      return reply.code(e.status).send(e.body);
    }
    req.log.error({ err }, 'unhandled error');
    return reply.code(500).send(wapioError(500, 'Internal server error').body);
  });
}

// WasenderApi's error bodies (API-CATALOG.md §4.1, §4.8): `{success:false, message, errors?}` with
// Laravel-style statuses; a 429 carries `retry_after` (seconds) in the body and Retry-After.
import type { FastifyError, FastifyInstance, FastifyReply } from 'fastify';
import {
  AppError,
  ConflictError,
  ForbiddenError,
  InvalidError,
  NotConnectedError,
  NotFoundError,
  RateLimitedError,
  TooLargeError,
  UnauthorizedError,
} from '../../../core/errors.js';

/** Input that failed this surface's own validation; `errors` is Laravel's `{field: [message]}`. */
export class WasenderValidationError extends Error {
  constructor(readonly errors: Record<string, string[]>) {
    super('Validation failed');
  }
}

function statusOf(err: AppError): number {
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof InvalidError) return 422;
  if (err instanceof RateLimitedError) return 429;
  if (err instanceof TooLargeError) return 422;
  if (err instanceof NotConnectedError || err instanceof ConflictError) return 400;
  return 400;
}

/** This surface's error handler (set on its encapsulated instance, so /v1 keeps its own). */
export function registerWasenderErrors(app: FastifyInstance): void {
  app.setErrorHandler((err: FastifyError | AppError | WasenderValidationError, req, reply: FastifyReply) => {
    if (err instanceof WasenderValidationError) {
      return reply.code(422).send({ success: false, message: err.message, errors: err.errors });
    }
    if (err instanceof AppError) {
      const status = statusOf(err);
      if (err instanceof RateLimitedError) {
        const retryAfter = Math.max(1, Math.ceil(err.retryAfterMs / 1000));
        reply.header('retry-after', retryAfter);
        return reply.code(429).send({ success: false, message: err.message, retry_after: retryAfter });
      }
      const body: Record<string, unknown> =
        status === 422 && err.field
          ? { success: false, message: 'Validation failed', errors: { [err.field]: [err.message] } }
          : { success: false, message: err.message };
      return reply.code(status).send(body);
    }
    const status = err.statusCode !== undefined && err.statusCode >= 400 && err.statusCode < 500 ? err.statusCode : 500;
    if (status >= 500) req.log.error({ err }, 'wasender surface: unexpected error');
    return reply.code(status).send({ success: false, message: status >= 500 ? 'Internal server error' : err.message });
  });
  app.setNotFoundHandler((_req, reply) => reply.code(404).send({ success: false, message: 'Not found' }));
}

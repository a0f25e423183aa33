// The /v1 error envelope, its zod schema (for OpenAPI) and the code → HTTP status mapping.
import { z } from 'zod';
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
  UpstreamError,
} from '../../../core/errors.js';

export const errorBodySchema = z
  .object({
    error: z.object({
      code: z
        .string()
        .describe('Stable machine-readable code, listed in docs/errors.md')
        .meta({ examples: ['SESSION_NOT_FOUND'] }),
      message: z.string().describe('Human-readable explanation'),
      field: z
        .string()
        .nullable()
        .describe('Dotted path of the input field at fault, or null')
        .meta({ examples: ['settings.proxy_url'] }),
      request_id: z.string().describe('Id of this request, also in the x-request-id header and in the logs'),
      retry_after: z
        .number()
        .int()
        .optional()
        .describe('Seconds to wait before retrying (429 only; also the Retry-After header)'),
    }),
  })
  .meta({ id: 'Error' });

export type ErrorBody = z.infer<typeof errorBodySchema>;

/**
 * Response schemas for the given error statuses, to spread into a route's `response`. (One shared
 * schema object, so the OpenAPI document has a single `Error` component; docs/errors.md says which
 * code comes with which status.)
 */
export function errorResponses(...statuses: number[]): Record<number, typeof errorBodySchema> {
  const out: Record<number, typeof errorBodySchema> = {};
  for (const status of statuses) out[status] = errorBodySchema;
  return out;
}

/** Errors every authenticated JSON route can answer with. */
export const commonErrors = [400, 401, 404, 413, 415] as const;

const UNAVAILABLE: ReadonlySet<string> = new Set(['NOT_READY', 'CLUSTER_AT_CAPACITY']);

export function statusOf(err: AppError): number {
  if (err instanceof InvalidError) return 400;
  if (err instanceof UnauthorizedError) return 401;
  if (err instanceof ForbiddenError) return 403;
  if (err instanceof NotFoundError) return 404;
  if (err instanceof NotConnectedError) return 409;
  if (err instanceof ConflictError) return 409;
  if (err instanceof RateLimitedError) return 429;
  if (err instanceof TooLargeError) return 413; // media over its size limit (H6)
  // Unavailable here and now (the database, or room for a session in the cluster) vs. a dependency that failed.
  if (err instanceof UpstreamError) return UNAVAILABLE.has(err.code) ? 503 : 502;
  return 400;
}

export function envelope(
  code: string,
  message: string,
  field: string | null,
  requestId: string,
  retryAfterSeconds?: number,
): ErrorBody {
  return {
    error: {
      code,
      message,
      field,
      request_id: requestId,
      ...(retryAfterSeconds !== undefined ? { retry_after: retryAfterSeconds } : {}),
    },
  };
}

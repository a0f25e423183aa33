// GET /metrics — system.metrics (Prometheus text). Not under /v1 and not an account's: it counts the
// whole server, so API tokens do not open it. Access (docs/deploy.md#metrics):
//   - WAGATE_METRICS_TOKEN set: `Authorization: Bearer <that token>` is required;
//   - unset: only when the server listens on loopback and the request was not forwarded by a proxy
//     (a reverse proxy on the same host would otherwise publish it to the world).
import { timingSafeEqual, createHash } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { ForbiddenError, UnauthorizedError } from '../../../../core/errors.js';
import { bearerToken } from '../../plugins/auth.js';
import { errorResponses } from '../../plugins/error-envelope.js';

export interface MetricsEndpointOptions {
  render(): Promise<{ contentType: string; body: string }>;
  /** Required bearer token, or null (then loopback only). */
  token: string | null;
  /** The address the server listens on. */
  listenHost: string;
}

export function isLoopbackHost(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(host);
}

const digest = (s: string) => createHash('sha256').update(s).digest();

function authorize(req: FastifyRequest, options: MetricsEndpointOptions): void {
  if (options.token !== null) {
    const given = bearerToken(req.headers.authorization);
    // Compare digests: equal length, so timingSafeEqual never throws and leaks no length.
    if (given === undefined || !timingSafeEqual(digest(given), digest(options.token))) throw new UnauthorizedError();
    return;
  }
  const forwarded = req.headers['x-forwarded-for'] !== undefined || req.headers.forwarded !== undefined;
  if (!isLoopbackHost(options.listenHost) || forwarded) {
    throw new ForbiddenError(
      'METRICS_TOKEN_REQUIRED',
      'GET /metrics without a token answers only on a loopback listener to a direct request; set WAGATE_METRICS_TOKEN',
    );
  }
}

export function registerSystemMetrics(app: FastifyInstance, options: MetricsEndpointOptions): void {
  app.get('/metrics', {
    schema: {
      operationId: 'system.metrics',
      tags: ['system'],
      summary: 'Prometheus metrics',
      description:
        'Prometheus text format. Needs `Bearer $WAGATE_METRICS_TOKEN` when that is set; otherwise answers only on a loopback listener.',
      security: [],
      response: { ...errorResponses(401, 403) },
    },
    handler: async (req, reply) => {
      authorize(req, options);
      const { contentType, body } = await options.render();
      return reply.type(contentType).send(body);
    },
  });
}

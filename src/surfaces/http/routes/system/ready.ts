// GET /ready — system.ready (readiness: the database answers)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { errorResponses } from '../../plugins/error-envelope.js';

export const systemReadyResponse = z.object({ status: z.literal('ready'), store: z.enum(['sqlite', 'postgres']) });

export function registerSystemReady(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/ready', {
    schema: {
      operationId: 'system.ready',
      tags: ['system'],
      summary: 'Readiness',
      security: [],
      response: { 200: systemReadyResponse, ...errorResponses(503) },
    },
    handler: async () => services.system.ready(),
  });
}

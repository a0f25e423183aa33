// GET /health — system.health (liveness: the process answers; no dependency is checked)
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';

export const systemHealthResponse = z.object({
  status: z.literal('ok'),
  version: z.string(),
  node: z.string().describe('The node answering (WAGATE_NODE_ID)'),
});

export function registerSystemHealth(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/health', {
    schema: {
      operationId: 'system.health',
      tags: ['system'],
      summary: 'Liveness',
      security: [],
      response: { 200: systemHealthResponse },
    },
    handler: async () => services.system.health(),
  });
}

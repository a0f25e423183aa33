// POST /v1/sessions/{id}/groups/{group_id}/leave — groups.leave
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupParamsSchema } from '../../schemas/group.js';

export function registerGroupsLeave(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/groups/:group_id/leave', {
    schema: {
      operationId: 'groups.leave',
      tags: ['groups'],
      summary: 'Leave a group',
      params: groupParamsSchema,
      response: { 200: z.object({ left: z.literal(true) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => {
      await services.groups.leave(getScope(req), req.params.id, req.params.group_id);
      return { left: true as const };
    },
  });
}

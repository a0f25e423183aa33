// GET /v1/sessions/{id}/groups/{group_id} — groups.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupParamsSchema, groupSchema, toGroupJson } from '../../schemas/group.js';

export function registerGroupsGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/groups/:group_id', {
    schema: {
      operationId: 'groups.get',
      tags: ['groups'],
      summary: 'A group: metadata, settings and participants (from WhatsApp)',
      params: groupParamsSchema,
      response: { 200: z.object({ group: groupSchema }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      group: toGroupJson(await services.groups.get(getScope(req), req.params.id, req.params.group_id)),
    }),
  });
}

// POST /v1/sessions/{id}/groups — groups.create
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { PARTICIPANTS_MAX, SUBJECT_MAX } from '../../../../core/groups/group.service.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupSchema, toGroupJson } from '../../schemas/group.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const groupsCreateBody = z.object({
  subject: z.string().min(1).max(SUBJECT_MAX).describe('The group name'),
  participants: z
    .array(z.string().max(100))
    .min(1)
    .max(PARTICIPANTS_MAX)
    .describe('Phone numbers (E.164) or person JIDs to add; we are its admin'),
});

export function registerGroupsCreate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/groups', {
    schema: {
      operationId: 'groups.create',
      tags: ['groups'],
      summary: 'Create a group',
      params: sessionIdParamsSchema,
      body: groupsCreateBody,
      response: { 201: z.object({ group: groupSchema }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const group = await services.groups.create(getScope(req), req.params.id, req.body.subject, req.body.participants);
      return reply.code(201).send({ group: toGroupJson(group) });
    },
  });
}

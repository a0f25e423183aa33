// GET /v1/sessions/{id}/groups — groups.list
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupSchema, toGroupJson } from '../../schemas/group.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export function registerGroupsList(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/groups', {
    schema: {
      operationId: 'groups.list',
      tags: ['groups'],
      summary: 'List the groups the number is in',
      params: sessionIdParamsSchema,
      response: { 200: z.object({ data: z.array(groupSchema) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      data: (await services.groups.list(getScope(req), req.params.id)).map(toGroupJson),
    }),
  });
}

export function registerGroupsInCommon(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/contacts/:contact/groups', {
    schema: {
      operationId: 'contacts.groups',
      tags: ['contacts'],
      summary: 'The groups we share with a person',
      params: sessionIdParamsSchema.extend({ contact: z.string().min(1).max(100) }),
      response: { 200: z.object({ data: z.array(groupSchema) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      data: (await services.groups.inCommon(getScope(req), req.params.id, req.params.contact)).map(toGroupJson),
    }),
  });
}

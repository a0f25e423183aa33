// PATCH /v1/sessions/{id}/groups/{group_id} — groups.update
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { DESCRIPTION_MAX, SUBJECT_MAX } from '../../../../core/groups/group.service.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { pictureBase64, pictureInput } from '../../schemas/picture.js';
import { groupParamsSchema, groupSchema, toGroupJson } from '../../schemas/group.js';

export const groupsUpdateBody = z
  .object({
    subject: z.string().min(1).max(SUBJECT_MAX),
    description: z.string().max(DESCRIPTION_MAX).nullable().describe('null or "" removes it'),
    announce: z.boolean().describe('Only admins send messages'),
    restrict: z.boolean().describe('Only admins edit the group settings'),
    join_approval: z.boolean().describe('New members wait for an admin to approve them'),
    member_add_mode: z.enum(['admin_add', 'all_member_add']),
    picture: pictureInput,
  })
  .partial()
  .refine((b) => Object.keys(b).length > 0, 'name at least one setting to change');

export function registerGroupsUpdate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().patch('/sessions/:id/groups/:group_id', {
    schema: {
      operationId: 'groups.update',
      tags: ['groups'],
      summary: 'Change the subject, description, settings or picture of a group (admins)',
      params: groupParamsSchema,
      body: groupsUpdateBody,
      response: { 200: z.object({ group: groupSchema }), ...errorResponses(...commonErrors, 409, 502) },
    },
    handler: async (req) => {
      const b = req.body;
      const group = await services.groups.update(getScope(req), req.params.id, req.params.group_id, {
        ...(b.subject !== undefined ? { subject: b.subject } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.announce !== undefined ? { announce: b.announce } : {}),
        ...(b.restrict !== undefined ? { restrict: b.restrict } : {}),
        ...(b.join_approval !== undefined ? { joinApproval: b.join_approval } : {}),
        ...(b.member_add_mode !== undefined ? { memberAddMode: b.member_add_mode } : {}),
        ...(b.picture !== undefined
          ? { pictureBase64: b.picture === null ? null : await pictureBase64(services, req, req.params.id, b.picture) }
          : {}),
      });
      return { group: toGroupJson(group) };
    },
  });
}

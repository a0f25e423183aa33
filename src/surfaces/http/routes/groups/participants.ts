// POST /v1/sessions/{id}/groups/{group_id}/participants — groups.participants.update
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { PARTICIPANTS_MAX } from '../../../../core/groups/group.service.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupParamsSchema, participantResultSchema, toParticipantResultJson } from '../../schemas/group.js';

export const groupsParticipantsBody = z.object({
  action: z.enum(['add', 'remove', 'promote', 'demote']),
  participants: z.array(z.string().max(100)).min(1).max(PARTICIPANTS_MAX).describe('Phone numbers or person JIDs'),
});

export function registerGroupsParticipants(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/groups/:group_id/participants', {
    schema: {
      operationId: 'groups.participants.update',
      tags: ['groups'],
      summary: 'Add, remove, promote or demote participants (admins)',
      description:
        "One result per participant, as WhatsApp gives it: 200, or 403 (privacy: they can't be added, an invite is needed), 404 (not on WhatsApp), 409 (already in the group)…",
      params: groupParamsSchema,
      body: groupsParticipantsBody,
      response: {
        200: z.object({ results: z.array(participantResultSchema) }),
        ...errorResponses(...commonErrors, 409),
      },
    },
    handler: async (req) => {
      const { action, participants } = req.body;
      const results = await services.groups.changeParticipants(
        getScope(req),
        req.params.id,
        req.params.group_id,
        action,
        participants,
      );
      return { results: results.map(toParticipantResultJson) };
    },
  });
}

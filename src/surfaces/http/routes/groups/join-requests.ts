// GET /v1/sessions/{id}/groups/{group_id}/requests (groups.requests.list) and
// POST …/requests `{action: approve|reject, participants}` (groups.requests.answer): people asking to
// join a group with join approval on, and an admin's answer (one result per person).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { PARTICIPANTS_MAX } from '../../../../core/groups/group.service.js';
import type { JoinRequest } from '../../../../core/ports/group-engine.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupParamsSchema, participantResultSchema, toParticipantResultJson } from '../../schemas/group.js';

const joinRequestSchema = z
  .object({
    jid: z.string(),
    phone: z.string().nullable().describe('E.164 digits when known'),
    lid: z.string().nullable(),
    requested_at: z.string().nullable(),
    method: z.string().nullable().describe('How they asked, as WhatsApp names it (e.g. invite_link)'),
  })
  .meta({ id: 'GroupJoinRequest' });

const toJoinRequestJson = (r: JoinRequest): z.infer<typeof joinRequestSchema> => ({
  jid: r.jid,
  phone: r.phone,
  lid: r.lid,
  requested_at: r.requestedAt,
  method: r.method,
});

export function registerGroupJoinRequests(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/sessions/:id/groups/:group_id/requests', {
    schema: {
      operationId: 'groups.requests.list',
      tags: ['groups'],
      summary: 'People waiting for approval to join (admins)',
      params: groupParamsSchema,
      response: { 200: z.object({ data: z.array(joinRequestSchema) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      data: (await services.groups.joinRequests(getScope(req), req.params.id, req.params.group_id)).map(
        toJoinRequestJson,
      ),
    }),
  });
  r.post('/sessions/:id/groups/:group_id/requests', {
    schema: {
      operationId: 'groups.requests.answer',
      tags: ['groups'],
      summary: 'Approve or reject join requests (admins)',
      description: 'One result per person, as WhatsApp gives it: 200, or 404 (they had not asked).',
      params: groupParamsSchema,
      body: z.object({
        action: z.enum(['approve', 'reject']),
        participants: z.array(z.string().max(100)).min(1).max(PARTICIPANTS_MAX).describe('Phone numbers or JIDs'),
      }),
      response: {
        200: z.object({ results: z.array(participantResultSchema) }),
        ...errorResponses(...commonErrors, 409),
      },
    },
    handler: async (req) => {
      const { action, participants } = req.body;
      const results = await services.groups.answerJoinRequests(
        getScope(req),
        req.params.id,
        req.params.group_id,
        action === 'approve',
        participants,
      );
      return { results: results.map(toParticipantResultJson) };
    },
  });
}

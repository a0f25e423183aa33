// Group invites: GET /v1/sessions/{id}/groups/{group_id}/invite (groups.invite.get), POST …/invite/revoke
// (groups.invite.revoke), GET /v1/sessions/{id}/groups/invites/{code} (groups.invite.info) and
// POST /v1/sessions/{id}/groups/join (groups.join).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { groupParamsSchema, groupSchema, toGroupJson } from '../../schemas/group.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const inviteSchema = z.object({
  code: z.string(),
  url: z.string().describe('https://chat.whatsapp.com/<code>'),
});
const invite = (code: string) => ({ code, url: `https://chat.whatsapp.com/${code}` });
const codeSchema = z.string().min(1).max(200).describe('An invite code or a chat.whatsapp.com link');

export function registerGroupInviteRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/sessions/:id/groups/:group_id/invite', {
    schema: {
      operationId: 'groups.invite.get',
      tags: ['groups'],
      summary: "The group's invite link (admins)",
      params: groupParamsSchema,
      response: { 200: inviteSchema, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) =>
      invite((await services.groups.inviteCode(getScope(req), req.params.id, req.params.group_id)).code),
  });
  r.post('/sessions/:id/groups/:group_id/invite/revoke', {
    schema: {
      operationId: 'groups.invite.revoke',
      tags: ['groups'],
      summary: 'Revoke the invite link; answers the new one (admins)',
      params: groupParamsSchema,
      response: { 200: inviteSchema, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) =>
      invite((await services.groups.revokeInvite(getScope(req), req.params.id, req.params.group_id)).code),
  });
  r.get('/sessions/:id/groups/invites/:code', {
    schema: {
      operationId: 'groups.invite.info',
      tags: ['groups'],
      summary: 'What group an invite code leads to, without joining',
      params: sessionIdParamsSchema.extend({ code: codeSchema }),
      response: { 200: z.object({ group: groupSchema }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      group: toGroupJson(await services.groups.inviteInfo(getScope(req), req.params.id, req.params.code)),
    }),
  });
  r.post('/sessions/:id/groups/join', {
    schema: {
      operationId: 'groups.join',
      tags: ['groups'],
      summary: 'Join a group by its invite code or link',
      params: sessionIdParamsSchema,
      body: z.object({ code: codeSchema }),
      response: { 200: z.object({ group: groupSchema }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => ({
      group: toGroupJson(await services.groups.join(getScope(req), req.params.id, req.body.code)),
    }),
  });
}

// /v1 shapes of groups (GroupInfo, participant results) and their params.
import { z } from 'zod';
import type { GroupInfo, ParticipantResult } from '../../../core/ports/group-engine.js';
import { sessionIdParamsSchema } from './session.js';
import { groupJson } from '../../../core/groups/group-json.js';

export const groupParamsSchema = sessionIdParamsSchema.extend({
  group_id: z.string().min(1).max(200).describe('The group JID (`<id>@g.us`)'),
});

const participantSchema = z.object({
  jid: z.string().describe('How WhatsApp names the participant (a LID in LID-addressed groups)'),
  phone: z.string().nullable().describe('E.164 digits, when known'),
  lid: z.string().nullable().describe('`<n>@lid`, when known'),
  role: z.enum(['member', 'admin', 'superadmin']),
});

export const groupSchema = z
  .object({
    id: z.string().describe('`<id>@g.us`'),
    subject: z.string(),
    description: z.string().nullable(),
    owner: z.string().nullable(),
    created_at: z.string().nullable(),
    announce: z.boolean().describe('Only admins send messages'),
    restrict: z.boolean().describe('Only admins edit the group settings'),
    join_approval: z.boolean().describe('New members wait for an admin to approve them'),
    member_add_mode: z.enum(['admin_add', 'all_member_add']),
    size: z.number().int(),
    participants: z.array(participantSchema),
  })
  .meta({ id: 'Group' });

export const participantResultSchema = z
  .object({
    participant: z.string(),
    status: z.number().int().describe("WhatsApp's answer for this participant: 200, or its error (403, 404, 408, 409)"),
    ok: z.boolean(),
  })
  .meta({ id: 'GroupParticipantResult' });

export function toGroupJson(g: GroupInfo): z.infer<typeof groupSchema> {
  return groupJson(g);
}

export function toParticipantResultJson(r: ParticipantResult): z.infer<typeof participantResultSchema> {
  return { participant: r.jid, status: r.status, ok: r.status === 200 };
}

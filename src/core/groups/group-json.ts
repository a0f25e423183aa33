// A group as /v1 and events show it (snake_case), shared so a webhook and an API answer agree.
import type { GroupInfo } from '../ports/group-engine.js';

export function groupJson(g: GroupInfo) {
  return {
    id: g.id,
    subject: g.subject,
    description: g.description,
    owner: g.owner,
    created_at: g.createdAt,
    announce: g.announce,
    restrict: g.restrict,
    join_approval: g.joinApproval,
    member_add_mode: g.memberAddMode,
    size: g.size,
    participants: g.participants,
  };
}

/** Only the fields a `groups.update` carries. */
export function groupChangeJson(g: Partial<GroupInfo> & { id: string }): Record<string, unknown> {
  const out: Record<string, unknown> = { id: g.id };
  if (g.subject !== undefined) out.subject = g.subject;
  if (g.description !== undefined) out.description = g.description;
  if (g.announce !== undefined) out.announce = g.announce;
  if (g.restrict !== undefined) out.restrict = g.restrict;
  if (g.joinApproval !== undefined) out.join_approval = g.joinApproval;
  if (g.memberAddMode !== undefined) out.member_add_mode = g.memberAddMode;
  return out;
}

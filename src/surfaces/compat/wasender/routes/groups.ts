// Group endpoints C33–C45 (API-CATALOG.md §4.5), session key only, over the core group service.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { phoneOf } from '../../../../core/chats/chat-id.js';
import type { GroupInfo, GroupParticipant, ParticipantResult } from '../../../../core/ports/group-engine.js';
import type { CoreServices } from '../../../../core/services.js';
import { sessionKeyScope } from '../auth.js';
import { RULES, type WasenderLimits } from '../limits.js';
import { simpleList, simpleQuery } from '../pagination.js';
import { parseInput } from '../validate.js';

const groupParams = z.object({ group: z.string().min(1).max(128) });
const participantsBody = z.object({ participants: z.array(z.string().min(1).max(128)).min(1).max(256) });
const createBody = z.object({
  name: z.string().trim().min(1, 'is required.').max(100),
  participants: z.array(z.string().min(1).max(128)).max(256).optional(),
});
const updateParticipantsBody = participantsBody.extend({ action: z.enum(['promote', 'demote']) });
const settingsBody = z.object({
  subject: z.string().max(100).optional(),
  description: z.string().max(2048).optional(),
  announce: z.boolean().optional(),
  restrict: z.boolean().optional(),
  joinApproval: z.boolean().optional(),
  memberAdd: z.boolean().optional(),
  profilePicUrl: z.string().max(2048).optional(),
});

const epoch = (iso: string | null) => (iso ? Math.floor(Date.parse(iso) / 1000) : null);
const role = (p: GroupParticipant) => (p.role === 'member' ? null : p.role);

/** Baileys' GroupMetadata form (create, invite info). */
function metadata(g: GroupInfo) {
  return {
    id: g.id,
    subject: g.subject,
    owner: g.owner,
    creation: epoch(g.createdAt),
    size: g.size,
    desc: g.description,
    participants: g.participants.map((p) => ({ id: p.jid, admin: role(p) })),
  };
}

const PARTICIPANT_MESSAGES: Record<number, string> = {
  200: 'ok',
  403: 'not-authorized',
  404: 'not-found',
  408: 'recently-left',
  409: 'conflict',
};

function participantResults(results: ParticipantResult[], done: string) {
  return results.map((r) => ({
    status: r.status,
    jid: phoneOf(r.jid) ?? r.jid,
    message: r.status === 200 ? done : (PARTICIPANT_MESSAGES[r.status] ?? 'error'),
  }));
}

export function registerWasenderGroups(app: FastifyInstance, services: CoreServices, limits: WasenderLimits): void {
  const groupOf = (raw: unknown) => parseInput(groupParams, { group: (raw as { group: string }).group }).group;

  app.post('/groups', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const b = parseInput(createBody, req.body);
    const g = await services.groups.create(scope, scope.sessionId, b.name, b.participants ?? []);
    const { size: _size, desc: _desc, ...created } = metadata(g);
    return { success: true, data: created };
  });

  app.get('/groups', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const q = parseInput(simpleQuery, req.query);
    const groups = await services.groups.list(scope, scope.sessionId);
    return {
      success: true,
      data: simpleList(
        groups.map((g) => ({ jid: g.id, name: g.subject, imgUrl: null })),
        q,
      ),
    };
  });

  app.get('/groups/:group/metadata', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const group = groupOf(req.params);
    await limits.take(reply, scope.sessionId, RULES.groupMeta);
    const g = await services.groups.get(scope, scope.sessionId, group);
    return {
      success: true,
      data: {
        jid: g.id,
        subject: g.subject,
        creation: epoch(g.createdAt),
        owner: g.owner,
        desc: g.description,
        participants: g.participants.map((p) => ({
          jid: p.jid,
          isAdmin: p.role !== 'member',
          isSuperAdmin: p.role === 'superadmin',
        })),
      },
    };
  });

  app.get('/groups/:group/participants', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const group = groupOf(req.params);
    await limits.take(reply, scope.sessionId, RULES.groupMeta);
    const g = await services.groups.get(scope, scope.sessionId, group);
    return {
      success: true,
      data: g.participants.map((p) => (p.role === 'member' ? { id: p.jid } : { id: p.jid, admin: p.role })),
    };
  });

  for (const [action, done] of [
    ['add', 'added'],
    ['remove', 'removed'],
  ] as const) {
    app.post(`/groups/:group/participants/${action}`, async (req) => {
      const scope = await sessionKeyScope(services, req);
      const group = groupOf(req.params);
      const b = parseInput(participantsBody, req.body);
      const results = await services.groups.changeParticipants(scope, scope.sessionId, group, action, b.participants);
      return { success: true, data: participantResults(results, done) };
    });
  }

  app.put('/groups/:group/participants/update', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const group = groupOf(req.params);
    const b = parseInput(updateParticipantsBody, req.body);
    const results = await services.groups.changeParticipants(scope, scope.sessionId, group, b.action, b.participants);
    return { success: true, data: { participants: results.filter((r) => r.status === 200).map((r) => r.jid) } };
  });

  app.put('/groups/:group/settings', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const group = groupOf(req.params);
    const b = parseInput(settingsBody, req.body);
    let pictureBase64: string | undefined;
    if (b.profilePicUrl) {
      // The picture is fetched like any media URL (size/type limits, private-address guard).
      const media = await services.media.prepareForSend(scope, { url: b.profilePicUrl }, 'image', 'profilePicUrl');
      pictureBase64 = (await services.media.readImage(scope, media.id, 'profilePicUrl', 5 * 1024 * 1024)).toString(
        'base64',
      );
    }
    const g = await services.groups.update(scope, scope.sessionId, group, {
      ...(b.subject !== undefined ? { subject: b.subject } : {}),
      ...(b.description !== undefined ? { description: b.description } : {}),
      ...(b.announce !== undefined ? { announce: b.announce } : {}),
      ...(b.restrict !== undefined ? { restrict: b.restrict } : {}),
      ...(b.joinApproval !== undefined ? { joinApproval: b.joinApproval } : {}),
      ...(b.memberAdd !== undefined ? { memberAddMode: b.memberAdd ? 'all_member_add' : 'admin_add' } : {}),
      ...(pictureBase64 !== undefined ? { pictureBase64 } : {}),
    });
    return { success: true, data: { subject: g.subject, description: g.description } };
  });

  app.get('/groups/:group/invite-link', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { code } = await services.groups.inviteCode(scope, scope.sessionId, groupOf(req.params));
    return { success: true, inviteLink: `https://chat.whatsapp.com/${code}` };
  });

  app.get('/groups/:group/picture', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const group = groupOf(req.params);
    await limits.take(reply, scope.sessionId, RULES.picture);
    return { success: true, data: { imgUrl: await services.people.picture(scope, scope.sessionId, group) } };
  });

  app.post('/groups/:group/leave', async (req) => {
    const scope = await sessionKeyScope(services, req);
    await services.groups.leave(scope, scope.sessionId, groupOf(req.params));
    return { success: true, data: {} };
  });

  // Static paths under /groups/invite win over /groups/:group (find-my-way prefers static segments).
  app.get('/groups/invite/:code', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { code } = parseInput(z.object({ code: z.string().min(1).max(200) }), req.params);
    return { success: true, data: metadata(await services.groups.inviteInfo(scope, scope.sessionId, code)) };
  });

  app.post('/groups/invite/accept', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { code } = parseInput(z.object({ code: z.string().trim().min(1, 'is required.').max(200) }), req.body);
    const { group } = await services.groups.join(scope, scope.sessionId, code);
    return { success: true, data: { id: group.id } };
  });
}

// Wapio's 15 group endpoints (API-CATALOG §3.5), plus the SDK's /participants/add and /remove, over
// the core's group service. `/api/groups/invite/…` is matched before `/api/groups/{groupJid}/…`
// (static segments win in the router). The session is the key's own or `session_id` with a PAT.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { beforeIdParam, limitParam } from './query.js';
import type { ParticipantChange } from '../../../core/ports/group-engine.js';
import type { CoreServices } from '../../../core/services.js';
import { scopeAndSession } from './auth.js';
import { WapioRefusal } from './errors.js';
import {
  toWapioGroup,
  toWapioGroupItem,
  toWapioGroupMetadata,
  toWapioParticipantResults,
  toWapioParticipants,
} from './group.json.js';

const sessionId = z.string().min(1).optional();
const groupParams = z.object({ groupJid: z.string().min(1).max(128) });
const sessionQuery = z.object({ session_id: sessionId });
const listQuery = sessionQuery.extend({
  limit: limitParam(),
  before_id: beforeIdParam,
});
const participantsBody = z.object({ participants: z.array(z.string().min(1)).min(1), session_id: sessionId });
const createBody = z.object({
  subject: z.string().min(1),
  participants: z.array(z.string().min(1)).optional(),
  session_id: sessionId,
});
// WasenderApi's settings fields (the OpenAPI leaves the object open); anything else is refused.
const settingsBody = z.strictObject({
  subject: z.string().optional(),
  description: z.string().nullable().optional(),
  announce: z.boolean().optional(),
  restrict: z.boolean().optional(),
  joinApproval: z.boolean().optional(),
  memberAdd: z.boolean().optional(),
  session_id: sessionId,
});
const optionalSessionBody = z.object({ session_id: sessionId }).nullish();

export function registerWapioGroupRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const groups = services.groups;

  r.get('/api/groups', { schema: { querystring: listQuery } }, async (req) => {
    const { scope, session } = scopeAndSession(req);
    const all = (await groups.list(scope, session)).sort((a, b) => (a.id < b.id ? -1 : 1));
    const after = req.query.before_id;
    const rest = after ? all.filter((g) => g.id > after) : all;
    const data = rest.slice(0, req.query.limit);
    const last = data[data.length - 1];
    return { data: data.map(toWapioGroupItem), next_cursor: rest.length > data.length && last ? last.id : null };
  });

  r.post('/api/groups', { schema: { body: createBody } }, async (req, reply) => {
    const { scope, session } = scopeAndSession(req);
    const group = await groups.create(scope, session, req.body.subject, req.body.participants ?? []);
    return reply.code(201).send(toWapioGroup(group));
  });

  r.get(
    '/api/groups/invite/:inviteCode',
    {
      schema: { params: z.object({ inviteCode: z.string().min(1).max(256) }), querystring: sessionQuery },
    },
    async (req) => {
      const { scope, session } = scopeAndSession(req);
      return toWapioGroup(await groups.inviteInfo(scope, session, req.params.inviteCode));
    },
  );

  r.post(
    '/api/groups/invite/accept',
    {
      schema: { body: z.object({ invite_code: z.string().min(1).max(256), session_id: sessionId }) },
    },
    async (req) => {
      const { scope, session } = scopeAndSession(req);
      const { group, pending } = await groups.join(scope, session, req.body.invite_code);
      return { ...toWapioGroup(group), pending };
    },
  );

  const one = { schema: { params: groupParams, querystring: sessionQuery } };
  r.get('/api/groups/:groupJid', one, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return toWapioGroup(await groups.get(scope, session, req.params.groupJid));
  });
  r.get('/api/groups/:groupJid/metadata', one, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return toWapioGroupMetadata(await groups.get(scope, session, req.params.groupJid));
  });
  r.get('/api/groups/:groupJid/participants', one, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return toWapioParticipants(await groups.get(scope, session, req.params.groupJid));
  });

  const change =
    (action: ParticipantChange) => async (req: { params: { groupJid: string }; body: { participants: string[] } }) => {
      const { scope, session } = scopeAndSession(req as Parameters<typeof scopeAndSession>[0]);
      const results = await groups.changeParticipants(
        scope,
        session,
        req.params.groupJid,
        action,
        req.body.participants,
      );
      return toWapioParticipantResults(action, results);
    };
  const withBody = { schema: { params: groupParams, querystring: sessionQuery, body: participantsBody } };
  r.post('/api/groups/:groupJid/participants', withBody, change('add'));
  r.delete('/api/groups/:groupJid/participants', withBody, change('remove'));
  r.post('/api/groups/:groupJid/participants/add', withBody, change('add'));
  r.post('/api/groups/:groupJid/participants/remove', withBody, change('remove'));
  r.post('/api/groups/:groupJid/participants/promote', withBody, change('promote'));
  r.post('/api/groups/:groupJid/participants/demote', withBody, change('demote'));

  r.put(
    '/api/groups/:groupJid/settings',
    {
      schema: { params: groupParams, querystring: sessionQuery, body: settingsBody },
    },
    async (req) => {
      const { scope, session } = scopeAndSession(req);
      const b = req.body;
      const given = Object.keys(b).filter((k) => k !== 'session_id');
      if (given.length === 0) throw new WapioRefusal(422, 'validation_error', 'Name at least one setting', 'body');
      const g = await groups.update(scope, session, req.params.groupJid, {
        ...(b.subject !== undefined ? { subject: b.subject } : {}),
        ...(b.description !== undefined ? { description: b.description } : {}),
        ...(b.announce !== undefined ? { announce: b.announce } : {}),
        ...(b.restrict !== undefined ? { restrict: b.restrict } : {}),
        ...(b.joinApproval !== undefined ? { joinApproval: b.joinApproval } : {}),
        ...(b.memberAdd !== undefined ? { memberAddMode: b.memberAdd ? 'all_member_add' : 'admin_add' } : {}),
      });
      return toWapioGroup(g);
    },
  );

  r.get('/api/groups/:groupJid/picture', one, async (req) => {
    const { scope, session } = scopeAndSession(req);
    return { imgUrl: await services.people.picture(scope, session, req.params.groupJid) };
  });

  r.get('/api/groups/:groupJid/invite-link', one, async (req) => {
    const { scope, session } = scopeAndSession(req);
    const { code } = await groups.inviteCode(scope, session, req.params.groupJid);
    return { inviteLink: `https://chat.whatsapp.com/${code}`, invite_code: code };
  });

  r.post(
    '/api/groups/:groupJid/leave',
    {
      schema: { params: groupParams, querystring: sessionQuery, body: optionalSessionBody },
    },
    async (req) => {
      const { scope, session } = scopeAndSession(req);
      await groups.leave(scope, session, req.params.groupJid);
      return { message: 'Left' };
    },
  );
}

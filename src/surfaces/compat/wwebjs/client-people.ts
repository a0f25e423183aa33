// /client routes about people, our profile and groups: getContacts, getContactById, getNumberId,
// isRegisteredUser, getProfilePicUrl, getBlockedContacts, setDisplayName, setStatus,
// setProfilePicture, createGroup, getCommonGroups, getInviteInfo, acceptInvite.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { contactObject } from './chat-view.js';
import { type Call, invalid, route, toJid } from './context.js';
import { toWwebjsContact } from './objects.js';
import { wid } from './shapes.js';

/** The one number of `{number}`, checked with WhatsApp. */
async function check(c: Call) {
  const digits = c
    .str('number')
    .replace(/@c\.us$/, '')
    .replace(/^\+/, '');
  if (!/^\d{5,20}$/.test(digits)) throw invalid('number must be a phone number (digits, or …@c.us)');
  const [result] = await c.services.people.checkNumbers(c.scope, c.sid, [digits]);
  return result;
}

/** `pictureMimetype` + `pictureData` (base64) as one checked image. */
function picture(c: Call): string {
  const type = c.str('pictureMimetype');
  if (type !== 'image/jpeg' && type !== 'image/png') throw invalid('pictureMimetype must be image/jpeg or image/png');
  return c.str('pictureData');
}

export function registerClientPeopleRoutes(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'GET', '/client/getContacts', async (c) => {
    const { data } = await services.people.listContacts(c.scope, c.sid, 1000);
    const me = await c.me();
    return { contacts: data.map((s) => toWwebjsContact(s, { isMe: s.jid === me })) };
  });
  route(app, services, 'POST', '/client/getContactById', async (c) => ({
    contact: await contactObject(c, c.jid('contactId')),
  }));

  route(app, services, 'POST', '/client/getNumberId', async (c) => {
    const result = await check(c);
    return { result: result?.exists && result.jid ? wid(result.jid) : null };
  });
  route(app, services, 'POST', '/client/isRegisteredUser', async (c) => ({
    result: Boolean((await check(c))?.exists),
  }));

  // No picture: `result` absent, as the original (undefined).
  route(app, services, 'POST', '/client/getProfilePicUrl', async (c) => {
    const url = await services.people.picture(c.scope, c.sid, c.jid('contactId'));
    return url ? { result: url } : {};
  });

  route(app, services, 'POST', '/client/getBlockedContacts', async (c) => ({
    blockedContacts: (await services.people.blockList(c.scope, c.sid)).map((p) =>
      toWwebjsContact({ jid: p.jid ?? p.lid ?? '', phone: p.phone }, { isBlocked: true }),
    ),
  }));

  route(app, services, 'POST', '/client/setDisplayName', async (c) => {
    await services.people.updateProfile(c.scope, c.sid, { name: c.str('displayName') });
    return { result: true };
  });
  route(app, services, 'POST', '/client/setStatus', async (c) => {
    const status = c.optStr('status');
    if (status === undefined) throw invalid('status is required (a string)');
    await services.people.updateProfile(c.scope, c.sid, { about: status });
    return {};
  });
  route(app, services, 'POST', '/client/setProfilePicture', async (c) => {
    await services.people.updateProfile(c.scope, c.sid, { pictureBase64: picture(c) });
    return { result: true };
  });

  route(
    app,
    services,
    'POST',
    '/client/createGroup',
    async (c) => {
      const wanted = c.jids('participants');
      const g = await services.groups.create(c.scope, c.sid, c.str('name'), wanted);
      const present = new Set(g.participants.flatMap((p) => [p.jid, p.phone ? `${p.phone}@s.whatsapp.net` : '']));
      const participants: Record<string, unknown> = {};
      for (const jid of wanted)
        participants[wid(jid)._serialized] = present.has(jid)
          ? {
              statusCode: 200,
              message: 'The participant was added to the group successfully',
              isGroupCreator: false,
              isInviteV4Sent: false,
            }
          : {
              statusCode: 403,
              message: 'The participant can be added by sending private invitation only',
              isGroupCreator: false,
              isInviteV4Sent: false,
            };
      return { response: { title: g.subject, gid: wid(g.id), participants } };
    },
    { subject: 'name', participants: 'participants' },
  );
  route(app, services, 'POST', '/client/getCommonGroups', async (c) => ({
    groups: (await services.groups.inCommon(c.scope, c.sid, c.jid('contactId'))).map((g) => wid(g.id)),
  }));
  route(app, services, 'POST', '/client/getInviteInfo', async (c) => {
    const g = await services.groups.inviteInfo(c.scope, c.sid, c.str('inviteCode'));
    return {
      inviteInfo: {
        id: wid(g.id),
        subject: g.subject,
        desc: g.description ?? '',
        owner: g.owner ? wid(g.owner) : null,
        creation: g.createdAt ? Math.floor(Date.parse(g.createdAt) / 1000) : 0,
        size: g.size,
        participants: g.participants.map((p) => ({ id: wid(p.phone ? toJid(p.phone) : p.jid) })),
        announce: g.announce,
        restrict: g.restrict,
        membershipApprovalMode: g.joinApproval,
      },
    };
  });
  route(app, services, 'POST', '/client/acceptInvite', async (c) => {
    const { group } = await services.groups.join(c.scope, c.sid, c.str('inviteCode'));
    return { acceptInvite: wid(group.id)._serialized };
  });
}

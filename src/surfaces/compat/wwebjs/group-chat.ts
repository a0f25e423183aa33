// /groupChat routes (body `{chatId}` = the group): getClassInfo, participants (add, remove, promote,
// demote), invite code and revoke, leave, subject, description, settings, picture.
import type { FastifyInstance } from 'fastify';
import { isGroupChat } from '../../../core/chats/chat-id.js';
import type { GroupSettingsChange } from '../../../core/groups/group.service.js';
import type { ParticipantChange } from '../../../core/ports/group-engine.js';
import type { CoreServices } from '../../../core/services.js';
import { WwebjsReply } from './auth.js';
import { type Call, invalid, route } from './context.js';
import { toWwebjsGroupChat, toWwebjsParticipant } from './objects.js';

function groupOf(c: Call): string {
  const id = c.jid();
  if (!isGroupChat(id)) throw new WwebjsReply(500, { success: false, error: 'The chat is not a group' });
  return id;
}

async function groupChat(c: Call, id: string) {
  const [g, s] = await Promise.all([
    c.services.groups.get(c.scope, c.sid, id),
    c.services.chats.get(c.scope, c.sid, id),
  ]);
  return toWwebjsGroupChat(g, s);
}

export function registerGroupChatRoutes(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'POST', '/groupChat/getClassInfo', async (c) => ({ chat: await groupChat(c, groupOf(c)) }));

  // Answers the participants as they were before the change, as the original.
  for (const [op, change] of [
    ['add', 'add'],
    ['remove', 'remove'],
    ['promote', 'promote'],
    ['demote', 'demote'],
  ] as Array<[string, ParticipantChange]>)
    route(app, services, 'POST', `/groupChat/${op}Participants`, async (c) => {
      const id = groupOf(c);
      const people = c.jids('contactIds');
      const before = await services.groups.get(c.scope, c.sid, id);
      await services.groups.changeParticipants(c.scope, c.sid, id, change, people);
      return { participants: before.participants.map(toWwebjsParticipant) };
    });

  route(app, services, 'POST', '/groupChat/getInviteCode', async (c) => ({
    inviteCode: (await services.groups.inviteCode(c.scope, c.sid, groupOf(c))).code,
  }));
  route(app, services, 'POST', '/groupChat/revokeInvite', async (c) => ({
    newInviteCode: (await services.groups.revokeInvite(c.scope, c.sid, groupOf(c))).code,
  }));
  route(app, services, 'POST', '/groupChat/leave', async (c) => {
    await services.groups.leave(c.scope, c.sid, groupOf(c));
    return { outcome: true };
  });

  const update = async (c: Call, id: string, change: GroupSettingsChange) => {
    await services.groups.update(c.scope, c.sid, id, change);
  };
  route(app, services, 'POST', '/groupChat/setSubject', async (c) => {
    const id = groupOf(c);
    await update(c, id, { subject: c.str('subject') });
    return { chat: await groupChat(c, id) };
  });
  route(app, services, 'POST', '/groupChat/setDescription', async (c) => {
    const id = groupOf(c);
    await update(c, id, { description: c.optStr('description') ?? '' });
    return { chat: await groupChat(c, id) };
  });
  route(app, services, 'POST', '/groupChat/setInfoAdminsOnly', async (c) => {
    await update(c, groupOf(c), { restrict: c.optBool('adminsOnly', true) });
    return { result: true };
  });
  route(app, services, 'POST', '/groupChat/setMessagesAdminsOnly', async (c) => {
    await update(c, groupOf(c), { announce: c.optBool('adminsOnly', true) });
    return { result: true };
  });
  route(app, services, 'POST', '/groupChat/setPicture', async (c) => {
    const id = groupOf(c);
    const type = c.str('pictureMimetype');
    if (type !== 'image/jpeg' && type !== 'image/png') throw invalid('pictureMimetype must be image/jpeg or image/png');
    await update(c, id, { pictureBase64: c.str('pictureData') });
    return { result: true };
  });
  route(app, services, 'POST', '/groupChat/deletePicture', async (c) => {
    await update(c, groupOf(c), { pictureBase64: null });
    return { result: true };
  });
}

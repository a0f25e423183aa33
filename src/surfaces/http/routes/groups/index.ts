// The group routes (issue 12), registered by one call from v1.ts.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../../core/services.js';
import { registerGroupsCreate } from './create.js';
import { registerGroupsGet } from './get.js';
import { registerGroupInviteRoutes } from './invites.js';
import { registerGroupsLeave } from './leave.js';
import { registerGroupsInCommon, registerGroupsList } from './list.js';
import { registerGroupsParticipants } from './participants.js';
import { registerGroupsUpdate } from './update.js';

export function registerGroupRoutes(app: FastifyInstance, services: CoreServices): void {
  registerGroupsList(app, services);
  registerGroupsInCommon(app, services);
  registerGroupsCreate(app, services);
  // Before /groups/:group_id, so "invites" and "join" are not read as group ids.
  registerGroupInviteRoutes(app, services);
  registerGroupsGet(app, services);
  registerGroupsUpdate(app, services);
  registerGroupsParticipants(app, services);
  registerGroupsLeave(app, services);
}

// The routes that act on messages (H5), registered by one call from v1.ts.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../../core/services.js';
import { registerMessagesEdit } from './edit.js';
import { registerMessagesForward } from './forward.js';
import { registerMessagesMarkRead } from './mark-read.js';
import { registerSessionsPresence } from './presence.js';
import { registerMessagesReact } from './react.js';
import { registerMessagesResend } from './resend.js';
import { registerMessagesRevoke } from './revoke.js';
import { registerMessagesStar } from './star.js';

export function registerMessageActionRoutes(app: FastifyInstance, services: CoreServices): void {
  registerMessagesEdit(app, services);
  registerMessagesRevoke(app, services);
  registerMessagesResend(app, services);
  registerMessagesReact(app, services);
  registerMessagesForward(app, services);
  registerMessagesStar(app, services);
  registerMessagesMarkRead(app, services);
  registerSessionsPresence(app, services);
}

// The WasenderApi compatibility surface (API-CATALOG.md §4): the vendor's paths under
// /wasender/api, its tokens, integer ids, envelope, errors and limits, over wagate's core services.
// No business logic here: each route parses the vendor's wire format and calls a core command.
import type { FastifyInstance } from 'fastify';
import type { RateLimiter } from '../../../core/ports/rate-limiter.js';
import type { CoreServices } from '../../../core/services.js';
import { registerWasenderErrors } from './errors.js';
import { WasenderLimits } from './limits.js';
import { registerWasenderContacts } from './routes/contacts.js';
import { registerWasenderGroups } from './routes/groups.js';
import { registerWasenderMedia } from './routes/media.js';
import { registerWasenderMessageLogs } from './routes/message-logs.js';
import { registerWasenderMessages } from './routes/messages.js';
import { registerWasenderSessions } from './routes/sessions.js';

export const WASENDER_PREFIX = '/wasender/api';

export async function registerWasender(
  app: FastifyInstance,
  services: CoreServices,
  limiter: RateLimiter,
): Promise<void> {
  const limits = new WasenderLimits(limiter);
  await app.register(
    async (scope) => {
      registerWasenderErrors(scope);
      registerWasenderSessions(scope, services);
      registerWasenderMessageLogs(scope, services);
      registerWasenderMessages(scope, services, limits);
      registerWasenderContacts(scope, services, limits);
      registerWasenderGroups(scope, services, limits);
      await registerWasenderMedia(scope, services);
    },
    { prefix: WASENDER_PREFIX },
  );
}

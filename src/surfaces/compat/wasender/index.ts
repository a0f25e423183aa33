// The WasenderApi compatibility surface (API-CATALOG.md §4): the vendor's paths under
// /wasender/api, its tokens, integer ids, envelope and errors, over wagate's core services.
// No business logic here: each route parses the vendor's wire format and calls a core command.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { registerWasenderErrors } from './errors.js';
import { registerWasenderSessions } from './routes/sessions.js';

export const WASENDER_PREFIX = '/wasender/api';

export async function registerWasender(app: FastifyInstance, services: CoreServices): Promise<void> {
  await app.register(
    async (scope) => {
      registerWasenderErrors(scope);
      registerWasenderSessions(scope, services);
    },
    { prefix: WASENDER_PREFIX },
  );
}

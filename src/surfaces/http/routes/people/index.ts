// People and our own profile (issue 12), registered by one call from v1.ts.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../../core/services.js';
import { registerContactBookRoutes } from './contact-book.js';
import { registerContactRoutes } from './contacts.js';
import { registerPrivacyRoutes } from './privacy.js';
import { registerNumbersCheck } from './numbers.js';
import { registerProfileUpdate } from './profile.js';

export function registerPeopleRoutes(app: FastifyInstance, services: CoreServices): void {
  registerNumbersCheck(app, services);
  registerContactRoutes(app, services);
  registerContactBookRoutes(app, services);
  registerPrivacyRoutes(app, services);
  registerProfileUpdate(app, services);
}

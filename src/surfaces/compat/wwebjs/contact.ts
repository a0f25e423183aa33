// /contact routes (body `{contactId}`), all answering `{result}`; an unknown contact is 404
// "Contact not Found" as the original.
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../../core/services.js';
import { chatObject, contactObject } from './chat-view.js';
import { type Call, route } from './context.js';
import { countryCode, formattedNumber } from './phone-format.js';

/** The contact's JID and its Contact object (404 when unknown). */
async function known(c: Call) {
  const jid = c.jid('contactId');
  const contact = await contactObject(c, jid);
  return { jid, contact, number: String(contact.number) };
}

export function registerContactRoutes(app: FastifyInstance, services: CoreServices): void {
  route(app, services, 'POST', '/contact/getClassInfo', async (c) => ({ result: (await known(c)).contact }));
  for (const [op, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const)
    route(app, services, 'POST', `/contact/${op}`, async (c) => {
      await services.people.setBlocked(c.scope, c.sid, (await known(c)).jid, blocked);
      return { result: true };
    });
  route(app, services, 'POST', '/contact/getAbout', async (c) => ({
    result: (await services.people.about(c.scope, c.sid, (await known(c)).jid)).about,
  }));
  route(app, services, 'POST', '/contact/getChat', async (c) => ({
    result: await chatObject(c, (await known(c)).jid),
  }));
  route(app, services, 'POST', '/contact/getFormattedNumber', async (c) => ({
    result: formattedNumber((await known(c)).number),
  }));
  route(app, services, 'POST', '/contact/getCountryCode', async (c) => ({
    result: countryCode((await known(c)).number),
  }));
  route(app, services, 'POST', '/contact/getProfilePicUrl', async (c) => ({
    result: await services.people.picture(c.scope, c.sid, (await known(c)).jid),
  }));
}

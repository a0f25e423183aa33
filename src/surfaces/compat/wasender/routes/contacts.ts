// Contact endpoints C17–C24 and on-whatsapp C14 (API-CATALOG.md §4.2, §4.3), session key only,
// over the core people service. Contact list `jid`s are bare digits, as the vendor shows them.
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { InvalidError, NotFoundError } from '../../../../core/errors.js';
import { chatIdKind, phoneOf } from '../../../../core/chats/chat-id.js';
import type { StoredContact } from '../../../../core/ports/contact-store.js';
import type { CoreServices } from '../../../../core/services.js';
import type { SessionKeyScope } from '../../../../core/tokens/scope.js';
import { sessionKeyScope } from '../auth.js';
import { RULES, type WasenderLimits } from '../limits.js';
import { simpleList, simpleQuery } from '../pagination.js';
import { parseInput } from '../validate.js';

const phoneParams = z.object({ phone: z.string().min(1).max(128) });
const putBody = z.object({
  jid: z.string().trim().min(1, 'is required.').max(128),
  fullName: z.string().max(100).optional(),
  saveOnPrimaryAddressbook: z.boolean().optional(),
});

/** Digits of a phone JID, else the JID itself (a LID-only contact). */
function bare(jid: string): string {
  return phoneOf(jid) ?? jid;
}

function contactJson(c: StoredContact) {
  return {
    jid: c.phone ?? bare(c.jid),
    name: c.name,
    notify: c.pushName,
    verifiedName: null,
    imgUrl: null,
    status: null,
  };
}

/** All of a session's stored contacts (the vendor lists them in one answer). */
async function allContacts(services: CoreServices, scope: SessionKeyScope) {
  const out: StoredContact[] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await services.people.listContacts(scope, scope.sessionId, 500, cursor);
    out.push(...page.data);
    if (!page.nextCursor) return out;
    cursor = page.nextCursor;
  }
}

export function registerWasenderContacts(app: FastifyInstance, services: CoreServices, limits: WasenderLimits): void {
  app.get('/on-whatsapp/:phone', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const { phone } = parseInput(phoneParams, req.params);
    await limits.take(reply, scope.sessionId, RULES.onWhatsApp);
    const number = phone.includes('@') ? (phoneOf(phone) ?? phone) : phone;
    const [result] = await services.people.checkNumbers(scope, scope.sessionId, [number]);
    return { success: true, data: { exists: result?.exists ?? false } };
  });

  app.get('/contacts', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const q = parseInput(simpleQuery, req.query);
    const all = (await allContacts(services, scope)).map(contactJson);
    return { success: true, data: simpleList(all, q) };
  });

  app.put('/contacts', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const b = parseInput(putBody, req.body);
    const saved = await services.people.saveContact(scope, scope.sessionId, b.jid, b.fullName ?? null);
    return { success: true, data: { jid: saved.jid, fullName: saved.name } };
  });

  app.get('/contacts/:phone', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { phone } = parseInput(phoneParams, req.params);
    const c = await services.people.getContact(scope, scope.sessionId, phone);
    const { jid: _jid, ...rest } = contactJson(c);
    return { success: true, data: { id: c.jid, ...rest } };
  });

  app.get('/contacts/:phone/picture', async (req, reply) => {
    const scope = await sessionKeyScope(services, req);
    const { phone } = parseInput(phoneParams, req.params);
    await limits.take(reply, scope.sessionId, RULES.picture);
    return { success: true, data: { imgUrl: await services.people.picture(scope, scope.sessionId, phone) } };
  });

  for (const [action, blocked] of [
    ['block', true],
    ['unblock', false],
  ] as const) {
    app.post(`/contacts/:phone/${action}`, async (req) => {
      const scope = await sessionKeyScope(services, req);
      const { phone } = parseInput(phoneParams, req.params);
      await services.people.setBlocked(scope, scope.sessionId, phone, blocked);
      return { success: true, data: { message: blocked ? 'Contact blocked' : 'Contact unblocked' } };
    });
  }

  app.get('/lid-from-pn/:pn', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { phone: pn } = parseInput(phoneParams, { phone: (req.params as { pn: string }).pn });
    if (!pn.endsWith('@s.whatsapp.net') || chatIdKind(pn) !== 'user')
      throw new InvalidError('The pn must end with @s.whatsapp.net.', { field: 'pn' });
    const who = await services.people.identity(scope, scope.sessionId, pn);
    if (!who.lid) throw new NotFoundError('CONTACT_NOT_FOUND', 'Phone number not found or invalid.');
    return { success: true, data: { lid: who.lid } };
  });

  app.get('/pn-from-lid/:lid', async (req) => {
    const scope = await sessionKeyScope(services, req);
    const { phone: lid } = parseInput(phoneParams, { phone: (req.params as { lid: string }).lid });
    if (!lid.endsWith('@lid')) throw new InvalidError('The lid must end with @lid.', { field: 'lid' });
    const who = await services.people.identity(scope, scope.sessionId, lid);
    if (!who.jid) throw new NotFoundError('CONTACT_NOT_FOUND', 'LID not found or invalid.');
    return { success: true, data: { pn: who.jid } };
  });
}

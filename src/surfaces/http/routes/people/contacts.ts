// A person as the linked number sees them: GET …/contacts/{contact}/identity (contacts.identity:
// phone ↔ LID), …/picture (contacts.picture), …/about (contacts.about); POST …/block and …/unblock
// (contacts.block / contacts.unblock), GET /v1/sessions/{id}/blocklist (contacts.blocklist), and
// POST …/presence/subscribe (contacts.presence.subscribe).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const contactParams = sessionIdParamsSchema.extend({
  contact: z.string().min(1).max(100).describe('A phone number (E.164) or a JID (phone or `@lid`)'),
});
const identitySchema = z
  .object({
    phone: z.string().nullable().describe('E.164 digits, when known'),
    jid: z.string().nullable().describe('Phone-number JID, when known'),
    lid: z.string().nullable().describe('LID, when known'),
  })
  .meta({ id: 'PersonIdentity' });
const errors = errorResponses(...commonErrors, 409);

export function registerContactRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/sessions/:id/contacts/:contact/identity', {
    schema: {
      operationId: 'contacts.identity',
      tags: ['contacts'],
      summary: "A person's phone number and LID (either one given)",
      params: contactParams,
      response: { 200: z.object({ contact: identitySchema }), ...errors },
    },
    handler: async (req) => ({
      contact: await services.people.identity(getScope(req), req.params.id, req.params.contact),
    }),
  });
  r.get('/sessions/:id/contacts/:contact/picture', {
    schema: {
      operationId: 'contacts.picture',
      tags: ['contacts'],
      summary: "A person's (or group's) profile picture URL; null when none is visible",
      params: contactParams,
      response: { 200: z.object({ url: z.string().nullable() }), ...errors },
    },
    handler: async (req) => ({ url: await services.people.picture(getScope(req), req.params.id, req.params.contact) }),
  });
  r.get('/sessions/:id/contacts/:contact/about', {
    schema: {
      operationId: 'contacts.about',
      tags: ['contacts'],
      summary: "A person's about text; null when none is visible",
      params: contactParams,
      response: { 200: z.object({ about: z.string().nullable(), set_at: z.string().nullable() }), ...errors },
    },
    handler: async (req) => {
      const { about, setAt } = await services.people.about(getScope(req), req.params.id, req.params.contact);
      return { about, set_at: setAt };
    },
  });
  for (const blocked of [true, false]) {
    r.post(`/sessions/:id/contacts/:contact/${blocked ? 'block' : 'unblock'}`, {
      schema: {
        operationId: blocked ? 'contacts.block' : 'contacts.unblock',
        tags: ['contacts'],
        summary: blocked ? 'Block a person' : 'Unblock a person',
        params: contactParams,
        response: { 200: z.object({ blocked: z.boolean() }), ...errors },
      },
      handler: async (req) => {
        await services.people.setBlocked(getScope(req), req.params.id, req.params.contact, blocked);
        return { blocked };
      },
    });
  }
  r.get('/sessions/:id/blocklist', {
    schema: {
      operationId: 'contacts.blocklist',
      tags: ['contacts'],
      summary: 'The people this number blocked',
      params: sessionIdParamsSchema,
      response: { 200: z.object({ data: z.array(identitySchema) }), ...errors },
    },
    handler: async (req) => ({ data: await services.people.blockList(getScope(req), req.params.id) }),
  });
  r.post('/sessions/:id/contacts/:contact/presence/subscribe', {
    schema: {
      operationId: 'contacts.presence.subscribe',
      tags: ['contacts'],
      summary: "Subscribe to a person's presence (online, typing, last seen arrive as events)",
      params: contactParams,
      response: { 200: z.object({ subscribed: z.literal(true) }), ...errors },
    },
    handler: async (req) => {
      await services.people.subscribePresence(getScope(req), req.params.id, req.params.contact);
      return { subscribed: true as const };
    },
  });
}

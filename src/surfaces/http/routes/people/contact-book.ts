// The contacts WhatsApp told us of: GET /v1/sessions/{id}/contacts (contacts.list), GET
// …/contacts/{contact} (contacts.get), PUT …/contacts/{contact} (contacts.save: the name saved in the
// phone's address book, through app state) and DELETE …/contacts/{contact}/name (contacts.name.remove).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { StoredContact } from '../../../../core/ports/contact-store.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const contactParams = sessionIdParamsSchema.extend({
  contact: z.string().min(1).max(100).describe('A phone number (E.164) or a JID (phone or `@lid`)'),
});

const contactSchema = z
  .object({
    jid: z.string().describe('Phone JID when known, else the LID'),
    phone: z.string().nullable(),
    lid: z.string().nullable(),
    name: z.string().nullable().describe("The name saved in the phone's address book"),
    push_name: z.string().nullable().describe('The name the person set for themselves'),
    updated_at: z.string(),
  })
  .meta({ id: 'Contact' });

function toContactJson(c: StoredContact): z.infer<typeof contactSchema> {
  return { jid: c.jid, phone: c.phone, lid: c.lid, name: c.name, push_name: c.pushName, updated_at: c.updatedAt };
}

export function registerContactBookRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = errorResponses(...commonErrors, 409);
  r.get('/sessions/:id/contacts', {
    schema: {
      operationId: 'contacts.list',
      tags: ['contacts'],
      summary: 'Contacts WhatsApp told this number of (address book, push names), by JID',
      params: sessionIdParamsSchema,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(500).default(100),
        cursor: z.string().max(200).optional(),
      }),
      response: {
        200: z.object({ data: z.array(contactSchema), next_cursor: z.string().nullable() }),
        ...errors,
      },
    },
    handler: async (req) => {
      const page = await services.people.listContacts(getScope(req), req.params.id, req.query.limit, req.query.cursor);
      return { data: page.data.map(toContactJson), next_cursor: page.nextCursor };
    },
  });
  r.get('/sessions/:id/contacts/:contact', {
    schema: {
      operationId: 'contacts.get',
      tags: ['contacts'],
      summary: 'One stored contact',
      params: contactParams,
      response: { 200: z.object({ contact: contactSchema }), ...errors },
    },
    handler: async (req) => ({
      contact: toContactJson(await services.people.getContact(getScope(req), req.params.id, req.params.contact)),
    }),
  });
  r.put('/sessions/:id/contacts/:contact', {
    schema: {
      operationId: 'contacts.save',
      tags: ['contacts'],
      summary: "Save a contact's name in the phone's address book",
      params: contactParams,
      body: z.object({ name: z.string().min(1).max(100) }),
      response: { 200: z.object({ contact: contactSchema }), ...errors },
    },
    handler: async (req) => ({
      contact: toContactJson(
        await services.people.saveContact(getScope(req), req.params.id, req.params.contact, req.body.name),
      ),
    }),
  });
  r.delete('/sessions/:id/contacts/:contact/name', {
    schema: {
      operationId: 'contacts.name.remove',
      tags: ['contacts'],
      summary: "Remove a contact from the phone's address book (its WhatsApp identity stays known)",
      params: contactParams,
      response: { 200: z.object({ contact: contactSchema }), ...errors },
    },
    handler: async (req) => ({
      contact: toContactJson(await services.people.saveContact(getScope(req), req.params.id, req.params.contact, null)),
    }),
  });
}

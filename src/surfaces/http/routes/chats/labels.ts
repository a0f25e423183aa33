// Labels (issue 12, business accounts): GET/POST /v1/sessions/{id}/labels (labels.list, labels.create),
// PATCH …/labels/{label} (labels.update), POST …/labels/{label}/delete (labels.delete),
// GET …/labels/{label}/chats (labels.chats), GET …/chats/{chat}/labels (chats.labels),
// POST …/chats/{chat}/labels/{label} and …/labels/{label}/remove (chats.labels.add / .remove).
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { LABEL_COLORS } from '../../../../core/chats/label.service.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const labelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    color: z
      .number()
      .int()
      .describe(`WhatsApp's colour index, 0–${LABEL_COLORS - 1}`),
  })
  .meta({ id: 'Label' });
const labelParams = sessionIdParamsSchema.extend({ label: z.string().min(1).max(40) });
const chatParams = sessionIdParamsSchema.extend({ chat: z.string().min(1).max(128) });
const chatLabelParams = chatParams.extend({ label: z.string().min(1).max(40) });
const toJson = (l: { id: string; name: string; color: number }) => ({ id: l.id, name: l.name, color: l.color });

export function registerLabelRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = errorResponses(...commonErrors, 409);
  const many = z.object({ data: z.array(labelSchema) });
  r.get('/sessions/:id/labels', {
    schema: {
      operationId: 'labels.list',
      tags: ['chats'],
      summary: 'Labels',
      params: sessionIdParamsSchema,
      response: { 200: many, ...errors },
    },
    handler: async (req) => ({ data: (await services.labels.list(getScope(req), req.params.id)).map(toJson) }),
  });
  r.post('/sessions/:id/labels', {
    schema: {
      operationId: 'labels.create',
      tags: ['chats'],
      summary: 'Create a label (business accounts)',
      params: sessionIdParamsSchema,
      body: z.object({
        name: z.string().min(1).max(100),
        color: z
          .number()
          .int()
          .min(0)
          .max(LABEL_COLORS - 1)
          .default(0),
      }),
      response: { 201: z.object({ label: labelSchema }), ...errors },
    },
    handler: async (req, reply) => {
      const label = await services.labels.create(getScope(req), req.params.id, req.body.name, req.body.color);
      return reply.code(201).send({ label: toJson(label) });
    },
  });
  r.patch('/sessions/:id/labels/:label', {
    schema: {
      operationId: 'labels.update',
      tags: ['chats'],
      summary: 'Rename or recolour a label',
      params: labelParams,
      body: z
        .object({
          name: z.string().min(1).max(100),
          color: z
            .number()
            .int()
            .min(0)
            .max(LABEL_COLORS - 1),
        })
        .partial()
        .refine((b) => Object.keys(b).length > 0, 'name at least one of name, color'),
      response: { 200: z.object({ label: labelSchema }), ...errors },
    },
    handler: async (req) => {
      const { name, color } = req.body;
      const label = await services.labels.update(getScope(req), req.params.id, req.params.label, {
        ...(name !== undefined ? { name } : {}),
        ...(color !== undefined ? { color } : {}),
      });
      return { label: toJson(label) };
    },
  });
  r.post('/sessions/:id/labels/:label/delete', {
    schema: {
      operationId: 'labels.delete',
      tags: ['chats'],
      summary: 'Delete a label',
      params: labelParams,
      response: { 200: z.object({ deleted: z.literal(true) }), ...errors },
    },
    handler: async (req) => {
      await services.labels.remove(getScope(req), req.params.id, req.params.label);
      return { deleted: true as const };
    },
  });
  r.get('/sessions/:id/labels/:label/chats', {
    schema: {
      operationId: 'labels.chats',
      tags: ['chats'],
      summary: 'The chats that carry a label',
      params: labelParams,
      response: { 200: z.object({ data: z.array(z.string()) }), ...errors },
    },
    handler: async (req) => ({ data: await services.labels.chatsOf(getScope(req), req.params.id, req.params.label) }),
  });
  r.get('/sessions/:id/chats/:chat/labels', {
    schema: {
      operationId: 'chats.labels',
      tags: ['chats'],
      summary: 'The labels a chat carries',
      params: chatParams,
      response: { 200: many, ...errors },
    },
    handler: async (req) => ({
      data: (await services.labels.labelsOf(getScope(req), req.params.id, req.params.chat)).map(toJson),
    }),
  });
  for (const on of [true, false]) {
    r.post(`/sessions/:id/chats/:chat/labels/:label${on ? '' : '/remove'}`, {
      schema: {
        operationId: on ? 'chats.labels.add' : 'chats.labels.remove',
        tags: ['chats'],
        summary: on ? 'Put a label on a chat' : 'Take a label off a chat',
        params: chatLabelParams,
        response: { 200: many, ...errors },
      },
      handler: async (req) => ({
        data: (
          await services.labels.setOnChat(getScope(req), req.params.id, req.params.chat, req.params.label, on)
        ).map(toJson),
      }),
    });
  }
}

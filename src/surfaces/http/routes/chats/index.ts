// Chats (issue 12): GET /v1/sessions/{id}/chats (chats.list), GET …/chats/{chat} (chats.get),
// POST …/chats/{chat}/{archive,unarchive,pin,unpin,unread,read,mute,unmute,clear,delete}
// (chats.<action>). Changes go through app state, so the phone follows.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { ChatChange } from '../../../../core/chats/chat.service.js';
import type { ChatSummary } from '../../../../core/chats/chat.types.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const chatParams = sessionIdParamsSchema.extend({
  chat: z.string().min(1).max(128).describe('A phone number, or a chat JID (person, group, LID, channel)'),
});

export const chatSchema = z
  .object({
    id: z.string(),
    archived: z.boolean(),
    pinned: z.boolean(),
    muted_until: z.string().nullable().describe('ISO time; 9999-12-31… = until unmuted; null = not muted'),
    marked_unread: z.boolean(),
    last_message_at: z.string().nullable().describe('When the last stored message was created'),
    message_count: z.number().int().describe('Messages stored for the chat'),
  })
  .meta({ id: 'Chat' });

function toChatJson(c: ChatSummary): z.infer<typeof chatSchema> {
  return {
    id: c.chatId,
    archived: c.archivedAt !== null,
    pinned: c.pinnedAt !== null,
    muted_until: c.mutedUntil,
    marked_unread: c.markedUnreadAt !== null,
    last_message_at: c.lastMessageAt,
    message_count: c.messageCount,
  };
}

const CHANGES: Record<string, { change: ChatChange; summary: string }> = {
  archive: { change: { action: 'archive', on: true }, summary: 'Archive a chat' },
  unarchive: { change: { action: 'archive', on: false }, summary: 'Unarchive a chat' },
  pin: { change: { action: 'pin', on: true }, summary: 'Pin a chat' },
  unpin: { change: { action: 'pin', on: false }, summary: 'Unpin a chat' },
  unread: { change: { action: 'unread', on: true }, summary: 'Mark a chat unread' },
  read: { change: { action: 'unread', on: false }, summary: 'Mark a chat read' },
  unmute: { change: { action: 'unmute' }, summary: 'Unmute a chat' },
  clear: { change: { action: 'clear' }, summary: 'Clear the messages of a chat on the phone' },
};

export function registerChatRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = errorResponses(...commonErrors, 409);
  r.get('/sessions/:id/chats', {
    schema: {
      operationId: 'chats.list',
      tags: ['chats'],
      summary: 'Chats with stored messages, the most recent first, with their state',
      params: sessionIdParamsSchema,
      querystring: z.object({
        limit: z.coerce.number().int().min(1).max(100).default(20),
        cursor: z.string().max(400).optional(),
      }),
      response: {
        200: z.object({ data: z.array(chatSchema), next_cursor: z.string().nullable() }),
        ...errors,
      },
    },
    handler: async (req) => {
      const page = await services.chats.list(getScope(req), req.params.id, req.query.limit, req.query.cursor);
      return { data: page.data.map(toChatJson), next_cursor: page.nextCursor };
    },
  });
  r.get('/sessions/:id/chats/:chat', {
    schema: {
      operationId: 'chats.get',
      tags: ['chats'],
      summary: 'One chat and its state',
      params: chatParams,
      response: { 200: z.object({ chat: chatSchema }), ...errors },
    },
    handler: async (req) => ({
      chat: toChatJson(await services.chats.get(getScope(req), req.params.id, req.params.chat)),
    }),
  });
  for (const [name, { change, summary }] of Object.entries(CHANGES)) {
    r.post(`/sessions/:id/chats/:chat/${name}`, {
      schema: {
        operationId: `chats.${name}`,
        tags: ['chats'],
        summary,
        params: chatParams,
        response: { 200: z.object({ chat: chatSchema }), ...errors },
      },
      handler: async (req) => ({
        chat: toChatJson(await services.chats.change(getScope(req), req.params.id, req.params.chat, change)),
      }),
    });
  }
  r.post('/sessions/:id/chats/:chat/mute', {
    schema: {
      operationId: 'chats.mute',
      tags: ['chats'],
      summary: 'Mute a chat until a time, or until unmuted',
      params: chatParams,
      body: z
        .object({
          until: z.iso.datetime({ offset: true }).nullable().optional().describe('absent or null: until unmuted'),
        })
        .default({}),
      response: { 200: z.object({ chat: chatSchema }), ...errors },
    },
    handler: async (req) => {
      const until = req.body.until ? new Date(req.body.until) : null;
      const chat = await services.chats.change(getScope(req), req.params.id, req.params.chat, {
        action: 'mute',
        until,
      });
      return { chat: toChatJson(chat) };
    },
  });
  // POST …/delete, not DELETE …/chats/{chat}: it acts on the phone and keeps wagate's messages, and a
  // client that sends a `..` chat would otherwise reach DELETE /sessions/{id}.
  r.post('/sessions/:id/chats/:chat/delete', {
    schema: {
      operationId: 'chats.delete',
      tags: ['chats'],
      summary: 'Delete a chat on the phone (stored messages stay in wagate)',
      params: chatParams,
      response: { 200: z.object({ chat: chatSchema }), ...errors },
    },
    handler: async (req) => ({
      chat: toChatJson(
        await services.chats.change(getScope(req), req.params.id, req.params.chat, { action: 'delete' }),
      ),
    }),
  });
}

// Channels (issue 12): POST /v1/sessions/{id}/channels (channels.create), GET …/channels
// (channels.list), GET …/channels/{channel} (channels.get), PATCH …/channels/{channel} (channels.update), POST …/{follow,unfollow,mute,unmute}.
// Posting to a channel we own: POST /v1/sessions/{id}/messages with `to` = its …@newsletter id.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { CHANNEL_DESCRIPTION_MAX, CHANNEL_NAME_MAX } from '../../../../core/channels/channel.service.js';
import type { ChannelInfo } from '../../../../core/ports/channel-engine.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const channelParams = sessionIdParamsSchema.extend({
  channel: z.string().min(1).max(200).describe('`…@newsletter`, an invite code or a whatsapp.com/channel link'),
});

const channelSchema = z
  .object({
    id: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    invite: z.string().nullable().describe('Code of https://whatsapp.com/channel/<code>'),
    created_at: z.string().nullable(),
    subscribers: z.number().int().nullable(),
    verified: z.boolean(),
    muted: z.boolean().nullable(),
    role: z.enum(['owner', 'admin', 'subscriber', 'guest']).nullable().describe('Our role in the channel'),
  })
  .meta({ id: 'Channel' });

function toChannelJson(c: ChannelInfo): z.infer<typeof channelSchema> {
  return {
    id: c.id,
    name: c.name,
    description: c.description,
    invite: c.invite,
    created_at: c.createdAt,
    subscribers: c.subscribers,
    verified: c.verified,
    muted: c.muted,
    role: c.role,
  };
}

export function registerChannelRoutes(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const errors = errorResponses(...commonErrors, 409);
  const one = z.object({ channel: channelSchema });
  r.post('/sessions/:id/channels', {
    schema: {
      operationId: 'channels.create',
      tags: ['channels'],
      summary: 'Create a channel (we own it and can post to it)',
      params: sessionIdParamsSchema,
      body: z.object({
        name: z.string().min(1).max(CHANNEL_NAME_MAX),
        description: z.string().max(CHANNEL_DESCRIPTION_MAX).nullable().optional(),
      }),
      response: { 201: one, ...errors },
    },
    handler: async (req, reply) => {
      const c = await services.channels.create(
        getScope(req),
        req.params.id,
        req.body.name,
        req.body.description ?? null,
      );
      return reply.code(201).send({ channel: toChannelJson(c) });
    },
  });
  r.get('/sessions/:id/channels', {
    schema: {
      operationId: 'channels.list',
      tags: ['channels'],
      summary: 'The channels we follow or own, as WhatsApp lists them',
      params: sessionIdParamsSchema,
      querystring: z.object({
        role: z
          .enum(['owner', 'admin', 'subscriber'])
          .optional()
          .describe('Only channels where we have this role (subscriber: the ones we follow)'),
      }),
      response: { 200: z.object({ data: z.array(channelSchema) }), ...errors },
    },
    handler: async (req) => {
      const list = await services.channels.list(getScope(req), req.params.id, req.query.role);
      return { data: list.map(toChannelJson) };
    },
  });
  r.get('/sessions/:id/channels/:channel', {
    schema: {
      operationId: 'channels.get',
      tags: ['channels'],
      summary: 'A channel’s metadata, by id or invite link',
      params: channelParams,
      response: { 200: one, ...errors },
    },
    handler: async (req) => ({
      channel: toChannelJson(await services.channels.get(getScope(req), req.params.id, req.params.channel)),
    }),
  });
  r.patch('/sessions/:id/channels/:channel', {
    schema: {
      operationId: 'channels.update',
      tags: ['channels'],
      summary: 'Rename a channel we own or change its description',
      params: channelParams,
      body: z
        .object({ name: z.string().min(1).max(CHANNEL_NAME_MAX), description: z.string().max(CHANNEL_DESCRIPTION_MAX) })
        .partial()
        .refine((b) => Object.keys(b).length > 0, 'name at least one of name, description'),
      response: { 200: one, ...errors },
    },
    handler: async (req) => {
      const { name, description } = req.body;
      const c = await services.channels.update(getScope(req), req.params.id, req.params.channel, {
        ...(name !== undefined ? { name } : {}),
        ...(description !== undefined ? { description } : {}),
      });
      return { channel: toChannelJson(c) };
    },
  });
  const toggles = [
    [
      'follow',
      'Follow a channel',
      (s: string, c: string, q: Parameters<typeof getScope>[0]) => services.channels.follow(getScope(q), s, c, true),
    ],
    [
      'unfollow',
      'Unfollow a channel',
      (s: string, c: string, q: Parameters<typeof getScope>[0]) => services.channels.follow(getScope(q), s, c, false),
    ],
    [
      'mute',
      'Mute a channel',
      (s: string, c: string, q: Parameters<typeof getScope>[0]) => services.channels.mute(getScope(q), s, c, true),
    ],
    [
      'unmute',
      'Unmute a channel',
      (s: string, c: string, q: Parameters<typeof getScope>[0]) => services.channels.mute(getScope(q), s, c, false),
    ],
  ] as const;
  for (const [name, summary, act] of toggles) {
    r.post(`/sessions/:id/channels/:channel/${name}`, {
      schema: {
        operationId: `channels.${name}`,
        tags: ['channels'],
        summary,
        params: channelParams,
        response: { 200: one, ...errors },
      },
      handler: async (req) => ({ channel: toChannelJson(await act(req.params.id, req.params.channel, req)) }),
    });
  }
}

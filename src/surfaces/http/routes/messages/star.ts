// POST|DELETE /v1/messages/{id}/star — messages.star, messages.unstar
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { messageSchema, toMessageJson } from '../../schemas/message.js';
import { messageIdParams } from './params.js';

export const messagesStarResponse = z.object({ message: messageSchema });
export type MessagesStarResponse = z.infer<typeof messagesStarResponse>;

const note =
  'Starring is synced through WhatsApp app state: 409 APP_STATE_NOT_SYNCED until the phone has shared its app-state keys with this device.';

export function registerMessagesStar(app: FastifyInstance, services: CoreServices): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  for (const starred of [true, false]) {
    const route = {
      schema: {
        operationId: starred ? 'messages.star' : 'messages.unstar',
        tags: ['messages'],
        summary: starred ? 'Star a message' : 'Unstar a message',
        description: note,
        params: messageIdParams,
        response: { 200: messagesStarResponse, ...errorResponses(...commonErrors, 409) },
      },
      handler: async (req: { params: { id: string } } & Parameters<typeof getScope>[0]) => ({
        message: toMessageJson(await services.messageActions.star(getScope(req), req.params.id, starred)),
      }),
    };
    if (starred) r.post('/messages/:id/star', route);
    else r.delete('/messages/:id/star', route);
  }
}

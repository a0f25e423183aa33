// Message tools: send every kind (the /v1 send body, unchanged), list a session's messages, and a
// message's info with its status history.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { messagesGetParams } from '../../http/routes/messages/get.js';
import {
  idempotencyKeySchema,
  listMessagesSchema,
  sendFieldNames,
  toMessageListQuery,
  toSendMessage,
} from '../../http/v1/message.schema.js';
import { inV1Terms } from '../../http/v1/field-names.js';
import { messagesSendBody } from '../../http/routes/messages/send.js';
import { toMessageEventJson, toMessageJson } from '../../http/schemas/message.js';
import type { ToolRun } from './result.js';
import { sessionRefInput } from './sessions.js';

export function registerMessageTools(server: McpServer, services: CoreServices, scope: Scope, run: ToolRun): void {
  server.registerTool(
    'messages_send',
    {
      description:
        'Send a WhatsApp message from a connected session: exactly one of text, image, video, audio, document, sticker, ' +
        'location, contacts or poll (the /v1 send body). Media by `url` or an uploaded `media_id`. Returns the message as ' +
        '`queued`; follow it with messages_get. Pass idempotency_key to make a retry safe.',
      inputSchema: sessionRefInput.extend({
        message: messagesSendBody,
        idempotency_key: idempotencyKeySchema.optional(),
      }),
    },
    ({ session, message, idempotency_key }) =>
      run(async () => {
        // The /v1 body, translated and its errors named as /v1 names them.
        const sent = await inV1Terms(
          services.messages.send(scope, session, toSendMessage(message, idempotency_key)),
          sendFieldNames(message),
        );
        return { message: toMessageJson(sent.message), replayed: sent.replayed };
      }),
  );
  server.registerTool(
    'messages_list',
    {
      description: "A session's messages, newest first; filter by direction (in/out) or chat.",
      inputSchema: sessionRefInput.extend(listMessagesSchema.shape),
    },
    ({ session, ...query }) =>
      run(async () => {
        const page = await services.messages.list(scope, session, toMessageListQuery(query));
        return { data: page.data.map(toMessageJson), next_cursor: page.nextCursor };
      }),
  );
  server.registerTool(
    'messages_get',
    {
      description: 'One message with its status history (queued → sent → delivered → read, or failed with a reason).',
      inputSchema: z.object({ message_id: messagesGetParams.shape.id }),
    },
    ({ message_id }) =>
      run(async () => {
        const m = await services.messages.get(scope, message_id);
        return { message: { ...toMessageJson(m), events: m.events.map(toMessageEventJson) } };
      }),
  );
}

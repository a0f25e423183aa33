// The WabSync OpenAPI 3.1 document served at /wabsync/openapi.json: every route of this surface,
// built from the zod schemas the routes validate with (schemas.ts), so it cannot drift from them.
import { z } from 'zod';
import { WABSYNC_EVENT_NAMES } from './event-names.js';
import * as s from './schemas.js';

type Json = Record<string, unknown>;

interface Operation {
  method: 'get' | 'post' | 'delete';
  path: string;
  id: string;
  tag: 'Sessions' | 'Messages' | 'Webhooks';
  summary: string;
  description?: string;
  body?: z.ZodType;
  /** A strict object whose keys are query parameters. */
  query?: z.ZodObject;
  pathId?: string;
  status: 200 | 201;
  also?: 200;
  data: z.ZodType;
  list?: boolean;
  errors: number[];
}

const AUTH = [401, 429, 500];
const OPS: Operation[] = [
  {
    method: 'post',
    path: '/session/create',
    id: 'createSession',
    tag: 'Sessions',
    summary: 'Create a WhatsApp session',
    description:
      'Account token only. Creates the session and starts it: fetch its QR next. The answer carries the session token (`WBT|…`) once.',
    body: s.createSessionBody,
    status: 201,
    data: s.createdSessionSchema,
    errors: [400, 422, ...AUTH],
  },
  {
    method: 'get',
    path: '/session/list',
    id: 'listSessions',
    tag: 'Sessions',
    summary: 'List sessions',
    description: 'Every session of the account (a session token sees its own only), newest first.',
    status: 200,
    data: s.sessionSchema,
    list: true,
    errors: AUTH,
  },
  {
    method: 'get',
    path: '/session/{id}',
    id: 'getSession',
    tag: 'Sessions',
    summary: 'Get a session',
    pathId: 'Session id',
    status: 200,
    data: s.sessionSchema,
    errors: [404, ...AUTH],
  },
  {
    method: 'get',
    path: '/session/{id}/qr',
    id: 'getSessionQr',
    tag: 'Sessions',
    summary: 'Get the QR code to link the session',
    description:
      'While the session is `qr_required`. Right after create or connect the QR is on its way: the call waits for it (`wait`, default 10 s). 400 QR_NOT_AVAILABLE says why there is none (for example: already connected).',
    pathId: 'Session id',
    query: s.qrQuery,
    status: 200,
    data: s.qrSchema,
    errors: [400, 404, 422, ...AUTH],
  },
  {
    method: 'get',
    path: '/session/{id}/status',
    id: 'getSessionStatus',
    tag: 'Sessions',
    summary: 'Get the connection status of a session',
    pathId: 'Session id',
    status: 200,
    data: s.sessionStatusSchema,
    errors: [404, ...AUTH],
  },
  {
    method: 'post',
    path: '/session/{id}/connect',
    id: 'connectSession',
    tag: 'Sessions',
    summary: 'Start (or restart) a session',
    description:
      'After a logout or a disconnect: the session starts again; a new QR follows when it must be linked again.',
    pathId: 'Session id',
    status: 200,
    data: s.sessionSchema,
    errors: [400, 404, ...AUTH],
  },
  {
    method: 'post',
    path: '/session/{id}/logout',
    id: 'logoutSession',
    tag: 'Sessions',
    summary: 'Log the session out of WhatsApp',
    description: 'Unlinks the device from the phone; the session stays and can be linked again (connect).',
    pathId: 'Session id',
    status: 200,
    data: s.sessionSchema,
    errors: [400, 404, ...AUTH],
  },
  {
    method: 'delete',
    path: '/session/{id}',
    id: 'deleteSession',
    tag: 'Sessions',
    summary: 'Delete a session',
    description: 'Account token only. Its session token stops working at once.',
    pathId: 'Session id',
    status: 200,
    data: s.deletedSchema,
    errors: [400, 404, ...AUTH],
  },
  {
    method: 'post',
    path: '/message/send-text',
    id: 'sendText',
    tag: 'Messages',
    summary: 'Send a text message',
    description:
      'Answers 201 when the message is stored (`queued`); it is then sent in order. Follow it with GET /message/{id} or webhooks.',
    body: s.sendTextBody,
    status: 201,
    data: s.messageSchema,
    errors: [400, 404, 422, ...AUTH],
  },
  {
    method: 'post',
    path: '/message/send-file',
    id: 'sendFile',
    tag: 'Messages',
    summary: 'Send a file (image, video, audio or document)',
    description: 'The file comes from `url` or `base64` (exactly one). Answers like send-text.',
    body: s.sendFileBody,
    status: 201,
    data: s.messageSchema,
    errors: [400, 404, 422, ...AUTH],
  },
  {
    method: 'post',
    path: '/message/send-location',
    id: 'sendLocation',
    tag: 'Messages',
    summary: 'Send a location',
    body: s.sendLocationBody,
    status: 201,
    data: s.messageSchema,
    errors: [400, 404, 422, ...AUTH],
  },
  {
    method: 'get',
    path: '/message/{id}',
    id: 'getMessage',
    tag: 'Messages',
    summary: 'Get a message and its delivery status',
    pathId: 'Message id',
    status: 200,
    data: s.messageSchema,
    errors: [404, ...AUTH],
  },
  {
    method: 'post',
    path: '/webhook',
    id: 'setWebhook',
    tag: 'Webhooks',
    summary: 'Set the webhook (URL, events, secret)',
    description:
      'One webhook per session (session token, or `session_id` with the account token) and one for the whole account (account token without `session_id`). 201 when created, 200 when it replaced the one set before.',
    body: s.setWebhookBody,
    status: 201,
    also: 200,
    data: s.webhookWithSecretSchema,
    errors: [400, 404, 422, ...AUTH],
  },
  {
    method: 'get',
    path: '/webhook',
    id: 'getWebhook',
    tag: 'Webhooks',
    summary: 'Get the webhook',
    query: s.webhookTarget,
    status: 200,
    data: s.webhookSchema,
    errors: [404, 422, ...AUTH],
  },
  {
    method: 'delete',
    path: '/webhook',
    id: 'deleteWebhook',
    tag: 'Webhooks',
    summary: 'Remove the webhook',
    query: s.webhookTarget,
    status: 200,
    data: s.deletedSchema,
    errors: [404, 422, ...AUTH],
  },
  {
    method: 'post',
    path: '/webhook/test',
    id: 'testWebhook',
    tag: 'Webhooks',
    summary: 'Send a test event (webhook.test) to the webhook',
    body: s.webhookTarget,
    status: 200,
    data: s.webhookTestSchema,
    errors: [400, 404, 422, ...AUTH],
  },
];

const ERROR_TEXT: Record<number, string> = {
  400: 'Bad request: malformed body, or the request cannot be done in the current state (code says which)',
  401: 'Invalid or missing token, or a session token on an account-token operation',
  404: 'Not found',
  422: 'Validation error: `details` names the field',
  429: 'Too many requests (Retry-After says when to retry)',
  500: 'Server error',
};

function clean(schema: Json): Json {
  const { $schema: _s, $id: _i, ...rest } = schema;
  return rest;
}

function refOf(schema: z.ZodType): Json {
  const id = s.components.get(schema)?.id;
  if (!id) throw new Error('openapi: schema is not a named component');
  return { $ref: `#/components/schemas/${id}` };
}

const RATE_HEADERS = {
  'X-RateLimit-Limit': { $ref: '#/components/headers/X-RateLimit-Limit' },
  'X-RateLimit-Remaining': { $ref: '#/components/headers/X-RateLimit-Remaining' },
  'X-RateLimit-Reset': { $ref: '#/components/headers/X-RateLimit-Reset' },
};

function success(op: Operation, status: number): Json {
  const data = op.list ? { type: 'array', items: refOf(op.data) } : refOf(op.data);
  return {
    description: status === 201 ? 'Created' : 'Success',
    headers: RATE_HEADERS,
    content: {
      'application/json': {
        schema: {
          type: 'object',
          required: ['success', 'message', 'data'],
          additionalProperties: false,
          properties: { success: { const: true }, message: { type: 'string' }, data },
        },
      },
    },
  };
}

function operation(op: Operation): Json {
  const parameters: Json[] = [];
  if (op.pathId) {
    parameters.push({
      name: 'id',
      in: 'path',
      required: true,
      description: op.pathId,
      schema: { type: 'string', format: 'uuid' },
    });
  }
  for (const [name, field] of Object.entries(op.query?.shape ?? {})) {
    const schema = clean(z.toJSONSchema(field as z.ZodType, { io: 'input' }) as Json);
    parameters.push({
      name,
      in: 'query',
      required: false,
      schema,
      ...(schema['description'] ? { description: schema['description'] } : {}),
    });
  }
  const responses: Json = { [op.status]: success(op, op.status) };
  if (op.also) responses[op.also] = success(op, op.also);
  for (const status of op.errors) {
    responses[status] = {
      description: ERROR_TEXT[status],
      headers: status === 429 ? { ...RATE_HEADERS, 'Retry-After': { schema: { type: 'integer' } } } : RATE_HEADERS,
      content: { 'application/json': { schema: refOf(s.errorSchema) } },
    };
  }
  return {
    operationId: op.id,
    tags: [op.tag],
    summary: op.summary,
    ...(op.description ? { description: op.description } : {}),
    ...(parameters.length ? { parameters } : {}),
    ...(op.body
      ? {
          requestBody: {
            required: op.id !== 'testWebhook',
            content: { 'application/json': { schema: refOf(op.body) } },
          },
        }
      : {}),
    responses,
  };
}

export function buildWabSyncOpenApi(version: string): Json {
  const generated = z.toJSONSchema(s.components, { uri: (id) => `#/components/schemas/${id}` }) as {
    schemas: Record<string, Json>;
  };
  const schemas = Object.fromEntries(Object.entries(generated.schemas).map(([k, v]) => [k, clean(v)]));
  const paths: Record<string, Json> = {};
  for (const op of OPS) paths[op.path] = { ...(paths[op.path] ?? {}), [op.method]: operation(op) };
  return {
    openapi: '3.1.0',
    info: {
      title: 'WabSync API (wagate)',
      version,
      description:
        'The WabSync WhatsApp API as served by wagate. Authenticate with `Authorization: Bearer WBT|<token>`: the account token (`WBT|wg_pat_…`) acts on every session and creates sessions, a session token (`WBT|wg_sk_…`, returned when a session is created) on its session only. Success: `{success: true, message, data}`. Errors: `{error: true, message, code, details}`. Ids are UUIDs. Every answer carries X-RateLimit-Limit, -Remaining and -Reset (Unix seconds).',
    },
    servers: [{ url: '/wabsync/api/v1' }],
    security: [{ bearerAuth: [] }],
    tags: [
      { name: 'Sessions', description: 'Create and manage WhatsApp sessions, link them with a QR code' },
      { name: 'Messages', description: 'Send text, files and locations' },
      { name: 'Webhooks', description: 'Receive real-time events' },
    ],
    paths,
    webhooks: {
      event: {
        post: {
          summary: 'An event, POSTed to the webhook URL',
          description: `Names: ${WABSYNC_EVENT_NAMES.join(', ')}. Headers: X-WabSync-Event (the name), X-WabSync-Delivery (the event_id) and X-WabSync-Signature: t=<unix seconds>,v1=<hex HMAC-SHA256 of "<t>.<raw body>" with the webhook secret>. Verify the signature and reject a t older than 5 minutes. Answer 2xx; anything else is retried with backoff.`,
          parameters: [
            { name: 'X-WabSync-Event', in: 'header', required: true, schema: { type: 'string' } },
            { name: 'X-WabSync-Delivery', in: 'header', required: true, schema: { type: 'string', format: 'uuid' } },
            { name: 'X-WabSync-Signature', in: 'header', required: true, schema: { type: 'string' } },
          ],
          requestBody: { required: true, content: { 'application/json': { schema: refOf(s.webhookEventSchema) } } },
          responses: { 200: { description: 'Received' } },
        },
      },
    },
    components: {
      securitySchemes: {
        bearerAuth: {
          type: 'http',
          scheme: 'bearer',
          description: '`WBT|wg_pat_…` (account) or `WBT|wg_sk_…` (session)',
        },
      },
      headers: {
        'X-RateLimit-Limit': { description: 'Requests allowed per minute for this token', schema: { type: 'integer' } },
        'X-RateLimit-Remaining': { description: 'Requests left in this minute', schema: { type: 'integer' } },
        'X-RateLimit-Reset': { description: 'When the window resets, Unix seconds', schema: { type: 'integer' } },
      },
      schemas,
    },
  };
}

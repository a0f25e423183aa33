// The WabSync wire format as zod schemas: request bodies (validated by the routes) and the `data`
// of each answer. openapi.ts publishes the same schemas, so the document is the code's contract.
import { z } from 'zod';

/** Named schemas become components of the OpenAPI document. */
export const components = z.registry<{ id: string }>();

function named<T extends z.ZodType>(id: string, schema: T): T {
  components.add(schema, { id });
  return schema;
}

const uuid = z.uuid();
const isoTime = z.string().describe('ISO 8601 time (UTC)');

export const SESSION_STATES = [
  'created',
  'starting',
  'qr_required',
  'connected',
  'disconnected',
  'logged_out',
  'failed',
  'deleting',
] as const;

export const sessionSchema = named(
  'Session',
  z.object({
    id: uuid.describe('Session id'),
    name: z.string().nullable().describe('The `session_name` given at creation'),
    status: z.enum(SESSION_STATES).describe('Connection state; `qr_required` means: scan the QR now'),
    phone_number: z.string().nullable().describe('The linked number, E.164, once known'),
    created_at: isoTime,
    updated_at: isoTime,
  }),
);

export const createdSessionSchema = named(
  'CreatedSession',
  sessionSchema.extend({
    token: z.string().describe('The session token (`WBT|…`), shown only in this answer: it acts on this session only'),
  }),
);

export const sessionStatusSchema = named(
  'SessionStatus',
  z.object({
    id: uuid,
    status: z.enum(SESSION_STATES),
    connected: z.boolean(),
    phone_number: z.string().nullable(),
    last_error: z
      .object({ code: z.string(), message: z.string(), at: isoTime })
      .nullable()
      .describe('Why the connection last failed (codes in wagate docs/errors.md), or null'),
  }),
);

export const qrSchema = named(
  'QrCode',
  z.object({
    session_id: uuid,
    qr: z.string().describe('The string to encode as a QR code (WhatsApp > Linked devices > Link a device)'),
    qr_image: z.string().describe('The same QR as a PNG data URL (`data:image/png;base64,…`)'),
    expires_at: isoTime.describe('When this QR stops working; WhatsApp rotates it, ask again'),
  }),
);

export const MESSAGE_STATUSES = [
  'queued',
  'sending',
  'sent',
  'delivered',
  'read',
  'played',
  'failed',
  'received',
] as const;

export const messageSchema = named(
  'Message',
  z.object({
    id: uuid.describe('Message id'),
    session_id: uuid,
    to: z.string().describe('The chat: `<digits>@s.whatsapp.net` or a group `…@g.us`'),
    type: z.string().describe('text, image, video, audio, document, location'),
    text: z.string().nullable().describe('The text or caption'),
    status: z
      .enum(MESSAGE_STATUSES)
      .describe(
        'queued (accepted, waiting its turn), sending, sent (WhatsApp has it), delivered, read, played, failed',
      ),
    whatsapp_id: z.string().nullable().describe("WhatsApp's id of the message, once it has been handed over"),
    error: z.string().nullable().describe('Why it failed, when status is failed'),
    created_at: isoTime,
    updated_at: isoTime,
  }),
);

export const webhookSchema = named(
  'Webhook',
  z.object({
    id: uuid,
    session_id: uuid.nullable().describe('The session it reports, or null for every session of the account'),
    url: z.string(),
    events: z.array(z.string()).describe('Event names it receives; empty means all'),
    enabled: z.boolean(),
    created_at: isoTime,
    updated_at: isoTime,
  }),
);

export const webhookWithSecretSchema = named(
  'WebhookWithSecret',
  webhookSchema.extend({
    secret: z.string().describe('Signing secret of `X-WabSync-Signature` (shown when the webhook is set)'),
  }),
);

export const webhookTestSchema = named(
  'WebhookTest',
  z.object({ event_id: uuid.describe('The `event_id` of the `webhook.test` delivery on its way') }),
);

export const deletedSchema = named('Deleted', z.object({ id: uuid, deleted: z.literal(true) }));

export const errorSchema = named(
  'Error',
  z.object({
    error: z.literal(true),
    message: z.string(),
    code: z.string().describe('Stable code (wagate docs/errors.md), e.g. VALIDATION_FAILED, SESSION_NOT_FOUND'),
    details: z
      .record(z.string(), z.unknown())
      .describe('The field at fault and what it needs (`{"to": "to: required"}`), `retry_after` on 429, or {}'),
  }),
);

// ---- requests -----------------------------------------------------------------------------------

const sessionRef = uuid.describe(
  'The session to act on. Required with the account token; with a session token it may be left out (or must be its own)',
);
const to = z
  .string()
  .min(1)
  .max(128)
  .describe(
    'Recipient: E.164 phone (`+14155550123`), digits, `<digits>@s.whatsapp.net`, `<digits>@c.us` or a group `…@g.us`',
  );

export const createSessionBody = named(
  'CreateSessionRequest',
  z.strictObject({ session_name: z.string().trim().min(1).max(100).describe('A name for the session') }),
);

export const sendTextBody = named(
  'SendTextRequest',
  z.strictObject({ session_id: sessionRef.optional(), to, text: z.string().min(1).max(65_536) }),
);

export const FILE_TYPES = ['image', 'video', 'audio', 'document'] as const;

export const sendFileBody = named(
  'SendFileRequest',
  z.strictObject({
    session_id: sessionRef.optional(),
    to,
    url: z.url().optional().describe('Where to fetch the file (http or https). Give `url` or `base64`'),
    base64: z.string().min(1).optional().describe('The file itself, base64 or a data URL. Give `url` or `base64`'),
    file_name: z.string().min(1).max(255).optional().describe('Shown to the recipient for documents'),
    mime_type: z.string().min(3).max(255).optional(),
    caption: z.string().max(4096).optional().describe('Text under an image, video or document'),
    type: z
      .enum(FILE_TYPES)
      .optional()
      .describe(
        'How WhatsApp shows it. Default: from the file type (base64), else from `mime_type`, else from the file name or URL extension, else document',
      ),
  }),
);

export const sendLocationBody = named(
  'SendLocationRequest',
  z.strictObject({
    session_id: sessionRef.optional(),
    to,
    latitude: z.number().min(-90).max(90),
    longitude: z.number().min(-180).max(180),
    name: z.string().max(1000).optional(),
    address: z.string().max(1000).optional(),
  }),
);

export const setWebhookBody = named(
  'SetWebhookRequest',
  z.strictObject({
    session_id: sessionRef.optional(),
    url: z.url().describe('Where events are POSTed'),
    events: z.array(z.string().min(1)).max(64).optional().describe('Event names; absent or empty: all events'),
    secret: z.string().min(16).max(256).optional().describe('Signing secret; absent: one is generated and returned'),
    enabled: z.boolean().optional().describe('Default true'),
  }),
);

export const webhookTarget = named('WebhookTarget', z.strictObject({ session_id: sessionRef.optional() }));
export const sessionParams = z.object({ id: z.string().min(1).max(100) });
export const qrQuery = z.strictObject({
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(30)
    .optional()
    .describe('Seconds to wait for the QR while the session is starting (default 10)'),
});

export const webhookEventSchema = named(
  'WebhookEvent',
  z.object({
    event: z.string().describe('Event name, e.g. message.received, message.status, session.status, session.qr'),
    event_id: uuid.describe('Stable across retries: deduplicate on it'),
    session_id: uuid.nullable(),
    timestamp: z.number().int().describe('When the event happened, Unix seconds'),
    data: z.record(z.string(), z.unknown()).describe('The event; ids in it are UUIDs'),
  }),
);

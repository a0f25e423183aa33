// /v1 request shapes for sessions (validation + OpenAPI), and their translation to the core's
// commands (CreateSession, UpdateSession).
import { z } from 'zod';
import { SESSION_STATUSES } from '../../../core/sessions/session-status.js';
import type { CreateSession, SessionSettings, UpdateSession } from '../../../core/sessions/session.types.js';

const PROXY_PROTOCOLS = new Set(['http:', 'https:', 'socks5:']);

export const proxyUrlSchema = z
  .string()
  .max(2048, { abort: true })
  .refine((value) => {
    try {
      const url = new URL(value);
      return PROXY_PROTOCOLS.has(url.protocol) && url.hostname !== '';
    } catch {
      return false;
    }
  }, 'must be an http://, https:// or socks5:// URL')
  .describe('Proxy the WhatsApp connection goes through (http, https or socks5)')
  .meta({ examples: ['socks5://user:pass@proxy.example.com:1080'] });

const settingsShape = z.object({
  account_protection: z.boolean().describe('Pace sending to protect the number (1 message per 5 s)'),
  read_incoming: z.boolean().describe('Mark incoming messages as read'),
  auto_reject_calls: z.boolean().describe('Reject incoming calls'),
  always_online: z.boolean().describe('Show the number as online'),
  ignore_groups: z.boolean().describe('Ignore group messages'),
  ignore_broadcasts: z.boolean().describe('Ignore broadcast and status messages'),
  ignore_channels: z.boolean().describe('Ignore channel (newsletter) messages'),
  typing: z.boolean().describe('Show "typing…" before each message'),
  log_messages: z.boolean().describe('Keep message bodies in the message log'),
  // H6 (media): inbound media is downloaded, verified and stored (GET /v1/messages/{id} shows it).
  download_media: z
    .boolean()
    .describe(
      'Download, decrypt and store the media of incoming messages (served at a public URL, announced by messages.media)',
    ),
  proxy_url: proxyUrlSchema.nullable(),
});

/** The settings as /v1 shows them: the core's SessionSettings, field for field. */
export const sessionSettingsSchema = settingsShape satisfies z.ZodType<SessionSettings>;

/** A settings change: any subset, merged over the current settings. Unknown keys are refused. */
export const sessionSettingsPatchSchema = settingsShape.partial().strict();

// Names look like the wwebjs `sessionId` (`^[\w-]+$`). A name shaped like a session id is refused
// so that `{id}` in a path (id or name) can never match two sessions.
export const sessionNameSchema = z
  .string()
  .min(1)
  .max(64, { abort: true })
  .regex(/^[A-Za-z0-9_-]+$/, 'may contain only letters, digits, _ and -')
  .refine((value) => !/^ses_[0-9a-f]{32}$/.test(value), 'must not look like a session id')
  .describe('Client-chosen name, unique in the account; usable instead of the id in paths')
  .meta({ examples: ['sales-1'] });

export const sessionLabelSchema = z
  .string()
  .trim()
  .min(1)
  .max(100, { abort: true })
  .regex(/^[^\u0000-\u001f\u007f]*$/, 'must not contain control characters')
  .describe('Free text shown in lists')
  .meta({ examples: ['Sales team'] });

export const phoneNumberSchema = z
  .string()
  .regex(/^\+?[0-9][0-9 ()-]{4,24}$/, 'must be a phone number in international format, e.g. +14155550123')
  .transform((value) => `+${value.replace(/[^0-9]/g, '')}`)
  .refine((value) => value.length >= 7 && value.length <= 16, 'must have 6 to 15 digits')
  .describe('The number to link, international format')
  .meta({ examples: ['+14155550123'] });

export const createSessionSchema = z.strictObject({
  name: sessionNameSchema.optional(),
  label: sessionLabelSchema.optional(),
  phone_number: phoneNumberSchema.optional(),
  settings: sessionSettingsPatchSchema.optional(),
});
export type CreateSessionInput = z.input<typeof createSessionSchema>;

export const updateSessionSchema = z.strictObject({
  name: sessionNameSchema.nullable().optional(),
  label: sessionLabelSchema.nullable().optional(),
  phone_number: phoneNumberSchema.nullable().optional(),
  settings: sessionSettingsPatchSchema.optional(),
});
export type UpdateSessionInput = z.input<typeof updateSessionSchema>;

export const sessionStatusSchema = z.enum(SESSION_STATUSES);

/** The /v1 create body → the core's command. */
export function toCreateSession(body: z.output<typeof createSessionSchema>): CreateSession {
  const { phone_number, ...rest } = body;
  return { ...stripUndefined(rest), ...(phone_number !== undefined ? { phoneNumber: phone_number } : {}) };
}

/** The /v1 update body → the core's command. */
export function toUpdateSession(body: z.output<typeof updateSessionSchema>): UpdateSession {
  const { phone_number, ...rest } = body;
  return { ...stripUndefined(rest), ...(phone_number !== undefined ? { phoneNumber: phone_number } : {}) };
}

function stripUndefined<T extends object>(o: T): { [K in keyof T]: Exclude<T[K], undefined> } {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as {
    [K in keyof T]: Exclude<T[K], undefined>;
  };
}

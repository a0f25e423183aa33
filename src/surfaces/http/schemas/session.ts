// The /v1 JSON shapes of a session and its related objects, and the core → JSON translation.
import { z } from 'zod';
import { CONNECTION_ERROR_CODES } from '../../../core/sessions/connection-error.js';
import { publicSettings } from '../../../core/sessions/proxy-url.js';
import { SESSION_STATUSES } from '../../../core/sessions/session-status.js';
import { sessionSettingsSchema } from '../v1/session.schema.js';
import { SESSION_LOG_EVENTS, type Session, type SessionLog } from '../../../core/sessions/session.types.js';

export const sessionIdParamsSchema = z.object({
  id: z.string().min(1).max(100).describe('The session id (`ses_…`) or its name'),
});

export const sessionSchema = z
  .object({
    id: z.string().meta({ examples: ['ses_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f'] }),
    name: z.string().nullable().describe('Client-chosen name, unique in the account'),
    label: z.string().nullable(),
    phone_number: z
      .string()
      .nullable()
      .meta({ examples: ['+14155550123'] }),
    status: z.enum(SESSION_STATUSES).describe('See docs/session-states.md'),
    settings: sessionSettingsSchema,
    created_at: z.string().describe('ISO 8601'),
    updated_at: z.string(),
    deleted_at: z.string().nullable(),
    last_error: z
      .object({
        code: z.enum(CONNECTION_ERROR_CODES).describe('Stable code (docs/errors.md, "Connection errors")'),
        message: z.string().describe("The engine's own words, e.g. `getaddrinfo ENOTFOUND web.whatsapp.com`"),
        at: z.string().describe('ISO 8601'),
      })
      .nullable()
      .describe(
        'Why the connection to WhatsApp last failed; null once WhatsApp is reached again (or after connect/restart)',
      )
      .meta({
        examples: [
          {
            code: 'DNS_LOOKUP_FAILED',
            message: 'WebSocket Error (getaddrinfo ENOTFOUND web.whatsapp.com)',
            at: '2026-01-01T12:00:00.000Z',
          },
        ],
      }),
  })
  .meta({ id: 'Session' });

export type SessionJson = z.infer<typeof sessionSchema>;

export const issuedKeySchema = z
  .object({
    token: z
      .string()
      .describe('The raw key. Shown only here: store it now')
      .meta({ examples: ['wg_sk_3Q0b…'] }),
    fingerprint: z
      .string()
      .describe('Safe to display; identifies the key')
      .meta({ examples: ['wg_sk_...x9Qz'] }),
    created_at: z.string(),
  })
  .meta({ id: 'SessionKey' });

export const sessionLogSchema = z
  .object({
    id: z.string(),
    event: z.enum(SESSION_LOG_EVENTS),
    detail: z.record(z.string(), z.unknown()),
    created_at: z.string(),
  })
  .meta({ id: 'SessionLog' });

export const pageQuerySchema = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(20).describe('Items per page (1-100)'),
  cursor: z.string().max(200).optional().describe('`next_cursor` of the previous page'),
});

export function toSessionJson(s: Session): SessionJson {
  return {
    id: s.id,
    name: s.name,
    label: s.label,
    phone_number: s.phoneNumber,
    status: s.status,
    settings: publicSettings(s.settings),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
    deleted_at: s.deletedAt,
    last_error: s.lastError ?? null,
  };
}

export function toSessionLogJson(l: SessionLog): z.infer<typeof sessionLogSchema> {
  return { id: l.id, event: l.event, detail: l.detail, created_at: l.createdAt };
}

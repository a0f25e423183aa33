// A wagate session as WasenderApi's session object (API-CATALOG.md §4.1): integer id (the
// session's stored `seq`), lower-case status, flat settings. Webhook fields come from the caller.
import type { Session, SessionStatus } from '../../../core/sessions/session.types.js';

export type WasenderStatus = 'connecting' | 'connected' | 'disconnected' | 'need_scan' | 'logged_out' | 'expired';

const STATUS: Record<SessionStatus, WasenderStatus> = {
  disconnected: 'disconnected',
  connecting: 'connecting',
  need_scan: 'need_scan',
  connected: 'connected',
  logged_out: 'logged_out',
  failed: 'expired',
  pending_deletion: 'disconnected',
  deleted: 'disconnected',
};

export function wasenderStatus(status: SessionStatus): WasenderStatus {
  return STATUS[status];
}

export interface WasenderWebhookFields {
  webhook_url: string | null;
  webhook_enabled: boolean;
  webhook_events: string[];
}

export const NO_WEBHOOK: WasenderWebhookFields = { webhook_url: null, webhook_enabled: false, webhook_events: [] };

export function toWasenderSession(
  s: Session,
  webhook: WasenderWebhookFields,
  secrets?: { api_key?: string; webhook_secret?: string | null },
): Record<string, unknown> {
  return {
    id: s.seq,
    name: s.label ?? s.name ?? '',
    phone_number: s.phoneNumber ?? '',
    status: wasenderStatus(s.status),
    account_protection: s.settings.account_protection,
    log_messages: s.settings.log_messages,
    read_incoming_messages: s.settings.read_incoming,
    auto_reject_calls: s.settings.auto_reject_calls,
    ignore_groups: s.settings.ignore_groups,
    ignore_channels: s.settings.ignore_channels,
    ignore_broadcasts: s.settings.ignore_broadcasts,
    always_online: s.settings.always_online,
    proxy_url: s.settings.proxy_url,
    ...webhook,
    ...(secrets?.api_key !== undefined ? { api_key: secrets.api_key } : {}),
    ...(secrets?.webhook_secret !== undefined ? { webhook_secret: secrets.webhook_secret } : {}),
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

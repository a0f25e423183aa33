// wagate's sessions, messages and webhook subscriptions as WabSync shows them (schemas.ts).
import type { Message } from '../../../core/messages/message.types.js';
import type { Session, SessionStatus } from '../../../core/sessions/session.types.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { namesOfTypes } from './event-names.js';
import { toUuid } from './ids.js';
import type { SESSION_STATES } from './schemas.js';

type WabSyncState = (typeof SESSION_STATES)[number];

const STATE: Record<SessionStatus, WabSyncState> = {
  disconnected: 'disconnected',
  connecting: 'starting',
  need_scan: 'qr_required',
  connected: 'connected',
  logged_out: 'logged_out',
  failed: 'failed',
  pending_deletion: 'deleting',
  deleted: 'deleting',
};

/** docs/session-states.md, column D: a session never linked is `created`, not `disconnected`. */
export function stateOf(s: Session): WabSyncState {
  if (s.status === 'disconnected' && !s.identity) return 'created';
  return STATE[s.status];
}

export function toSession(s: Session) {
  return {
    id: toUuid(s.id),
    name: s.label ?? s.name,
    status: stateOf(s),
    phone_number: s.phoneNumber,
    created_at: s.createdAt,
    updated_at: s.updatedAt,
  };
}

export function toSessionStatus(s: Session) {
  return {
    id: toUuid(s.id),
    status: stateOf(s),
    connected: s.status === 'connected',
    phone_number: s.phoneNumber,
    last_error: s.lastError ? { code: s.lastError.code, message: s.lastError.message, at: s.lastError.at } : null,
  };
}

export function toMessage(m: Message) {
  return {
    id: toUuid(m.id),
    session_id: toUuid(m.sessionId),
    to: m.chatId,
    type: m.kind,
    text: m.text,
    status: m.status,
    whatsapp_id: m.waId,
    error: m.error,
    created_at: m.createdAt,
    updated_at: m.updatedAt,
  };
}

export function toWebhook(w: WebhookSubscription) {
  return {
    id: toUuid(w.id),
    session_id: w.session_id ? toUuid(w.session_id) : null,
    url: w.url,
    events: namesOfTypes(w.events),
    enabled: w.enabled,
    created_at: w.created_at,
    updated_at: w.updated_at,
  };
}

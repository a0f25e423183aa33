// Why a session's connection to WhatsApp failed, as a stable code (`last_error.code` on the session,
// documented in docs/errors.md): the network error below the protocol when there is one (DNS,
// refused, timed out…), otherwise what WhatsApp said when it closed the connection.
import type { CloseReason } from '../ports/engine.js';

export const CONNECTION_ERROR_CODES = [
  'DNS_LOOKUP_FAILED',
  'CONNECTION_REFUSED',
  'CONNECTION_TIMED_OUT',
  'CONNECTION_RESET',
  'NETWORK_UNREACHABLE',
  'TLS_FAILED',
  'CONNECTION_LOST',
  'QR_TIMEOUT',
  'LOGGED_OUT',
  'REPLACED',
  'FORBIDDEN',
  'BAD_SESSION',
  // The session's proxy (settings.proxy_url or WAGATE_PROXY_URL): wrong credentials, not answering
  // or refusing the tunnel, or on a private address while WAGATE_ALLOW_PRIVATE_URLS is off.
  'PROXY_AUTH_FAILED',
  'PROXY_UNREACHABLE',
  'PROXY_NOT_ALLOWED',
] as const;

export type ConnectionErrorCode = (typeof CONNECTION_ERROR_CODES)[number];

/** What the engine reports when a connection ends (the `close` engine event). */
export interface ConnectionFailure {
  reason: CloseReason;
  /** WhatsApp's close status (401, 440, 515…), when it gave one. */
  code: number | null;
  message: string;
  /** The network error code (ENOTFOUND, ECONNREFUSED…) when the connection failed below WhatsApp's protocol. */
  networkError?: string | null | undefined;
}

/** Node network error codes → our code. */
const NETWORK_CODES: Record<string, ConnectionErrorCode> = {
  ENOTFOUND: 'DNS_LOOKUP_FAILED',
  EAI_AGAIN: 'DNS_LOOKUP_FAILED',
  EAI_FAIL: 'DNS_LOOKUP_FAILED',
  ECONNREFUSED: 'CONNECTION_REFUSED',
  ETIMEDOUT: 'CONNECTION_TIMED_OUT',
  ESOCKETTIMEDOUT: 'CONNECTION_TIMED_OUT',
  ECONNRESET: 'CONNECTION_RESET',
  EPIPE: 'CONNECTION_RESET',
  ECONNABORTED: 'CONNECTION_RESET',
  ENETUNREACH: 'NETWORK_UNREACHABLE',
  EHOSTUNREACH: 'NETWORK_UNREACHABLE',
  ENETDOWN: 'NETWORK_UNREACHABLE',
  EHOSTDOWN: 'NETWORK_UNREACHABLE',
  // Reported by the engine for a proxied connection (adapters/baileys/session-network.ts).
  PROXY_AUTH_FAILED: 'PROXY_AUTH_FAILED',
  PROXY_UNREACHABLE: 'PROXY_UNREACHABLE',
  PROXY_NOT_ALLOWED: 'PROXY_NOT_ALLOWED',
};

const REASON_CODES: Record<Exclude<CloseReason, 'restart_required' | 'stopped'>, ConnectionErrorCode> = {
  connection_lost: 'CONNECTION_LOST',
  qr_timeout: 'QR_TIMEOUT',
  logged_out: 'LOGGED_OUT',
  replaced: 'REPLACED',
  forbidden: 'FORBIDDEN',
  bad_session: 'BAD_SESSION',
  unknown: 'CONNECTION_LOST',
};

/** The stable code for a failed connection; null when the close is not a failure (515 restart, our own stop). */
export function connectionErrorCode(failure: ConnectionFailure): ConnectionErrorCode | null {
  const net = failure.networkError;
  if (net) {
    if (NETWORK_CODES[net]) return NETWORK_CODES[net];
    if (/CERT|TLS|SSL|UNABLE_TO_VERIFY/.test(net)) return 'TLS_FAILED';
    return 'CONNECTION_LOST';
  }
  // 515 after pairing and our own close are part of normal operation, not failures.
  if (failure.reason === 'restart_required' || failure.reason === 'stopped') return null;
  return REASON_CODES[failure.reason];
}

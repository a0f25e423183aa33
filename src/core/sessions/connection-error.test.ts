import assert from 'node:assert/strict';
import { test } from 'node:test';
import { connectionErrorCode } from './connection-error.js';

test('a network error decides the code, whatever WhatsApp-level reason came with it', () => {
  // Baileys reports ENOTFOUND as a 408, which without the network code reads as a QR timeout.
  assert.equal(
    connectionErrorCode({
      reason: 'connection_lost',
      code: 408,
      message: 'getaddrinfo ENOTFOUND web.whatsapp.com',
      networkError: 'ENOTFOUND',
    }),
    'DNS_LOOKUP_FAILED',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 408, message: 'x', networkError: 'EAI_AGAIN' }),
    'DNS_LOOKUP_FAILED',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 408, message: 'x', networkError: 'ECONNREFUSED' }),
    'CONNECTION_REFUSED',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 408, message: 'x', networkError: 'ETIMEDOUT' }),
    'CONNECTION_TIMED_OUT',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 500, message: 'x', networkError: 'ECONNRESET' }),
    'CONNECTION_RESET',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 408, message: 'x', networkError: 'EHOSTUNREACH' }),
    'NETWORK_UNREACHABLE',
  );
  assert.equal(
    connectionErrorCode({
      reason: 'connection_lost',
      code: 500,
      message: 'x',
      networkError: 'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
    }),
    'TLS_FAILED',
  );
  assert.equal(
    connectionErrorCode({ reason: 'connection_lost', code: 500, message: 'x', networkError: 'EWHATEVER' }),
    'CONNECTION_LOST',
  );
});

test('without a network error the close reason decides; a 515 restart and our own stop are no failure', () => {
  assert.equal(
    connectionErrorCode({ reason: 'qr_timeout', code: 408, message: 'QR refs attempts ended' }),
    'QR_TIMEOUT',
  );
  assert.equal(connectionErrorCode({ reason: 'logged_out', code: 401, message: 'x' }), 'LOGGED_OUT');
  assert.equal(connectionErrorCode({ reason: 'replaced', code: 440, message: 'x' }), 'REPLACED');
  assert.equal(connectionErrorCode({ reason: 'forbidden', code: 403, message: 'x' }), 'FORBIDDEN');
  assert.equal(connectionErrorCode({ reason: 'bad_session', code: 500, message: 'x' }), 'BAD_SESSION');
  assert.equal(connectionErrorCode({ reason: 'connection_lost', code: 428, message: 'x' }), 'CONNECTION_LOST');
  assert.equal(connectionErrorCode({ reason: 'restart_required', code: 515, message: 'x' }), null);
  assert.equal(connectionErrorCode({ reason: 'stopped', code: null, message: 'x' }), null);
});

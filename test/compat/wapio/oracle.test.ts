// The oracle itself rejects what Wapio's document rejects (else the surface test could not fail).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { oracleErrors } from './oracle.js';

const session = {
  session_id: 'bps_sess_ws_wwdKKillB2qo0F_GfuGcSQ',
  account_id: 'bps_acc_1',
  status: 'connected',
  created_at: '2025-01-01T00:00:00Z',
  label: null,
};

test('a conforming Session passes; an unknown status, a bad date or a missing field fails', () => {
  assert.deepEqual(oracleErrors('GET', '/v1/whatsapp-sessions/x', 200, session), []);
  assert.notDeepEqual(oracleErrors('GET', '/v1/whatsapp-sessions/x', 200, { ...session, status: 'need_scan' }), []);
  assert.notDeepEqual(oracleErrors('GET', '/v1/whatsapp-sessions/x', 200, { ...session, created_at: 'yesterday' }), []);
  assert.notDeepEqual(oracleErrors('GET', '/v1/whatsapp-sessions/x', 200, { status: 'connected' }), []);
});

test('error bodies, undocumented statuses and unknown paths are caught', () => {
  assert.deepEqual(oracleErrors('POST', '/api/send-message', 422, { success: false, message: 'x', errors: null }), []);
  assert.notDeepEqual(oracleErrors('POST', '/api/send-message', 422, { success: true }), []);
  assert.notDeepEqual(oracleErrors('POST', '/api/send-message', 404, {}), []);
  assert.notDeepEqual(oracleErrors('GET', '/api/nowhere', 200, {}), []);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { ConflictError } from '../errors.js';
import { assertTransition, canTransition, SESSION_STATUSES } from './session-status.js';

test('the session state machine: the documented paths are allowed, deletion is one-way', () => {
  for (const [from, to] of [
    ['disconnected', 'connecting'],
    ['connecting', 'need_scan'],
    ['need_scan', 'connected'],
    ['connected', 'logged_out'],
    ['connected', 'failed'],
    ['failed', 'connecting'],
    ['pending_deletion', 'deleted'],
  ] as const) {
    assert.ok(canTransition(from, to), `${from} → ${to}`);
  }
  for (const s of SESSION_STATUSES) {
    if (s !== 'pending_deletion' && s !== 'deleted')
      assert.ok(canTransition(s, 'pending_deletion'), `${s} can be deleted`);
    assert.equal(canTransition('deleted', s), false);
  }
  assert.equal(canTransition('pending_deletion', 'connecting'), false);
  assert.equal(canTransition('disconnected', 'connected'), false);
  assert.throws(
    () => assertTransition('deleted', 'connecting'),
    (e) => e instanceof ConflictError && e.code === 'INVALID_STATE_TRANSITION',
  );
});

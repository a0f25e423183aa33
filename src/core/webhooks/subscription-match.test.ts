import assert from 'node:assert/strict';
import { test } from 'node:test';
import { subscriptionWants } from './subscription-match.js';

test('session scope, patterns, and an explicit target that skips patterns but not the scope', () => {
  const event = { type: 'messages.received', session_id: 'ses_a' };
  assert.equal(subscriptionWants({ sessionId: null, events: [] }, event), true);
  assert.equal(subscriptionWants({ sessionId: 'ses_a', events: ['messages.*'] }, event), true);
  assert.equal(subscriptionWants({ sessionId: 'ses_b', events: [] }, event), false);
  assert.equal(subscriptionWants({ sessionId: null, events: ['session.*'] }, event), false);
  assert.equal(subscriptionWants({ sessionId: null, events: ['session.*'] }, event, true), true);
  assert.equal(subscriptionWants({ sessionId: 'ses_b', events: [] }, event, true), false);
  assert.equal(
    subscriptionWants({ sessionId: 'ses_a', events: [] }, { type: 'webhook.test', session_id: null }),
    false,
  );
});

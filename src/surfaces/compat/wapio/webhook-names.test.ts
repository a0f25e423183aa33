// The Wapio name a delivery carries: the most specific of the subscriber's chosen names that fits
// (what its n8n trigger filters on), else the event's first name.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainEvent } from '../../../core/events/index.js';
import { deliveredName, describeNames, namesOfDescription } from './webhook-names.js';

const received = (chat_type: string) =>
  ({
    id: 'evt_1',
    type: 'messages.received',
    account_id: 'acc_1',
    session_id: 'ses_1',
    created_at: '2025-01-01T00:00:00Z',
    payload: { message: { chat_type } },
  }) as unknown as DomainEvent;
const status = { ...received('personal'), type: 'session.status', payload: {} } as unknown as DomainEvent;
const N8N_DEFAULT = ['messages.received', 'messages-personal.received', 'messages-group.received'];

test('a received message is named by the most specific chosen name that fits it', () => {
  assert.equal(deliveredName(received('group'), N8N_DEFAULT), 'messages-group.received');
  assert.equal(deliveredName(received('personal'), N8N_DEFAULT), 'messages-personal.received');
  assert.equal(deliveredName(received('newsletter'), N8N_DEFAULT), 'messages.received');
  assert.equal(deliveredName(received('group'), ['messages.upsert']), 'messages.upsert');
  assert.equal(deliveredName(received('group'), ['messages-personal.received']), 'messages-group.received');
});

test('without a recorded choice, the first name; other events keep theirs', () => {
  assert.equal(deliveredName(received('group'), null), 'messages.received');
  assert.equal(deliveredName(received('group'), []), 'messages.received');
  assert.equal(deliveredName(status, N8N_DEFAULT), 'session.status');
});

test('the chosen names round-trip through the description; others are not read as choices', () => {
  assert.deepEqual(namesOfDescription(describeNames(N8N_DEFAULT)), N8N_DEFAULT);
  assert.deepEqual(namesOfDescription(describeNames([])), []);
  assert.equal(namesOfDescription('my hook'), null);
  assert.equal(namesOfDescription(null), null);
});

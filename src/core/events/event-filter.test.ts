import assert from 'node:assert/strict';
import { test } from 'node:test';
import { isValidPattern, matchesAny, passesSessionSettings } from './event-filter.js';
import type { NewEvent } from './event.types.js';

test('patterns: exact types, * and prefix wildcards', () => {
  assert.equal(isValidPattern('*'), true);
  assert.equal(isValidPattern('messages.*'), true);
  assert.equal(isValidPattern('session.status'), true);
  assert.equal(isValidPattern('nope.*'), false);
  assert.equal(isValidPattern('messages.nope'), false);
  assert.equal(matchesAny('messages.received', ['messages.*']), true);
  assert.equal(matchesAny('session.status', ['messages.*']), false);
  assert.equal(matchesAny('session.status', []), true);
  assert.equal(matchesAny('session.status', ['groups.update', 'session.status']), true);
  // `messages.*` must not match a type that merely starts with the same letters.
  assert.equal(matchesAny('messagesX.y', ['messages.*']), false);
});

const received = (chat: string): NewEvent => ({
  type: 'messages.received',
  account_id: 'acc_1',
  session_id: 'ses_1',
  payload: {
    message: {
      id: null,
      wa_id: 'X',
      chat,
      chat_type: 'personal',
      from_me: false,
      sender: null,
      kind: 'text',
      text: 'hi',
      timestamp: new Date(0).toISOString(),
    },
  },
});

test('session settings drop group, broadcast and channel events', () => {
  const all = { ignore_groups: true, ignore_broadcasts: true, ignore_channels: true };
  assert.equal(passesSessionSettings(received('1@g.us'), all), false);
  assert.equal(passesSessionSettings(received('status@broadcast'), all), false);
  assert.equal(passesSessionSettings(received('1@newsletter'), all), false);
  assert.equal(passesSessionSettings(received('15551234567@s.whatsapp.net'), all), true);
  assert.equal(passesSessionSettings(received('1@g.us'), { ignore_groups: false }), true);
  const groupUpdate: NewEvent = { type: 'groups.update', account_id: 'a', session_id: 's', payload: { groups: [] } };
  assert.equal(passesSessionSettings(groupUpdate, { ignore_groups: true }), false);
  const status: NewEvent = {
    type: 'session.status',
    account_id: 'a',
    session_id: 's',
    payload: { status: 'connected', previous_status: null },
  };
  assert.equal(passesSessionSettings(status, all), true);
});

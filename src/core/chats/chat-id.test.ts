import { test } from 'node:test';
import assert from 'node:assert/strict';
import { chatIdKind, normalizeChatId, normalizePhone, phoneOf } from './chat-id.js';

test('phones in any common form become user JIDs', () => {
  for (const input of [
    '+1 555-123-4567',
    '15551234567',
    '+15551234567',
    '1 (555) 123 4567',
    '15551234567@c.us',
    '15551234567@s.whatsapp.net',
    '15551234567:3@s.whatsapp.net',
  ]) {
    assert.equal(normalizeChatId(input), '15551234567@s.whatsapp.net', input);
  }
});

test('group, LID and newsletter JIDs are kept', () => {
  assert.equal(normalizeChatId('120363025246125486@g.us'), '120363025246125486@g.us');
  assert.equal(normalizeChatId('123456789012345@lid'), '123456789012345@lid');
  assert.equal(normalizeChatId('120363025246125486@newsletter'), '120363025246125486@newsletter');
});

test('garbage is refused with the field named', () => {
  for (const bad of ['', 'hello', '123', 'abc@example.com', '+1234567890123456789']) {
    assert.throws(
      () => normalizeChatId(bad),
      (err: { code?: string; field?: string }) => err.code === 'INVALID_RECIPIENT' && err.field === 'to',
      bad,
    );
  }
});

test('kinds and phone numbers come from one place', () => {
  assert.equal(chatIdKind('120363025246125486@g.us'), 'group');
  assert.equal(chatIdKind('123@lid'), 'lid');
  assert.equal(chatIdKind('1@newsletter'), 'newsletter');
  assert.equal(chatIdKind('status@broadcast'), 'broadcast');
  assert.equal(chatIdKind('15551234567@s.whatsapp.net'), 'user');
  assert.equal(phoneOf('15551234567:3@s.whatsapp.net'), '15551234567');
  assert.equal(phoneOf('123@lid'), null);
  assert.equal(phoneOf(null), null);
  assert.equal(normalizePhone('+1 555 123 4567', 'phone'), '15551234567');
  assert.throws(
    () => normalizePhone('120363025246125486@g.us', 'contacts.0.phone'),
    (err: { field?: string }) => err.field === 'contacts.0.phone',
  );
});

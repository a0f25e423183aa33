import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../../core/messages/message.types.js';
import { keyIdOf } from './send-content.js';
import { countryCode, formattedNumber } from './phone-format.js';
import { fromWwebjsId, toWwebjsMessage, waState, wid } from './shapes.js';

const base: Message = {
  id: 'msg_1',
  seq: 1,
  accountId: 'acc_1',
  sessionId: 'ses_1',
  direction: 'in',
  chatId: '15550001111@s.whatsapp.net',
  waId: 'ABC123',
  sender: { jid: '15550001111@s.whatsapp.net', lid: null, name: 'Ann' },
  kind: 'text',
  text: 'hi',
  content: null,
  raw: {
    message: {
      extendedTextMessage: { text: 'hi', contextInfo: { stanzaId: 'Q1', mentionedJid: ['1@s.whatsapp.net'] } },
    },
  },
  status: 'received',
  error: null,
  idempotencyKey: null,
  waTimestamp: '2025-01-01T00:00:10.000Z',
  createdAt: '2025-01-01T00:00:11.000Z',
  updatedAt: '2025-01-01T00:00:11.000Z',
};

test('ids: @s.whatsapp.net ↔ @c.us, wid parts', () => {
  assert.equal(fromWwebjsId('6281@c.us'), '6281@s.whatsapp.net');
  assert.deepEqual(wid('6281@s.whatsapp.net'), { server: 'c.us', user: '6281', _serialized: '6281@c.us' });
  assert.deepEqual(wid('123-456@g.us'), { server: 'g.us', user: '123-456', _serialized: '123-456@g.us' });
});

test('a received text: ids, seconds, quote and mentions from its contextInfo', () => {
  const m = toWwebjsMessage(base, '15559990000@s.whatsapp.net');
  assert.deepEqual(m.id, {
    fromMe: false,
    remote: '15550001111@c.us',
    id: 'ABC123',
    _serialized: 'false_15550001111@c.us_ABC123',
  });
  assert.deepEqual(
    [m.type, m.body, m.timestamp, m.from, m.to, m.ack],
    ['chat', 'hi', 1735689610, '15550001111@c.us', '15559990000@c.us', 0],
  );
  assert.deepEqual([m.hasQuotedMsg, m.mentionedIds], [true, ['1@c.us']]);
});

test('ack on the -1…4 scale; kinds named as whatsapp-web.js; revoked', () => {
  const out = (status: Message['status']) =>
    toWwebjsMessage({ ...base, direction: 'out', status, raw: null }, null).ack;
  assert.deepEqual(
    ['failed', 'queued', 'sent', 'delivered', 'read', 'played'].map((s) => out(s as Message['status'])),
    [-1, 0, 1, 2, 3, 4],
  );
  assert.equal(toWwebjsMessage({ ...base, kind: 'poll' }, null).type, 'poll_creation');
  assert.equal(toWwebjsMessage({ ...base, kind: 'contact' }, null).type, 'vcard');
  assert.equal(
    toWwebjsMessage({ ...base, kind: 'audio', content: { kind: 'audio', voice: true } as never }, null).type,
    'ptt',
  );
  const revoked = toWwebjsMessage({ ...base, revokedAt: '2025-01-01T00:01:00.000Z' }, null);
  assert.deepEqual([revoked.type, revoked.body], ['revoked', '']);
});

test('WAState of session statuses', () => {
  assert.deepEqual((['connected', 'need_scan', 'connecting', 'disconnected'] as const).map(waState), [
    'CONNECTED',
    'UNPAIRED',
    'OPENING',
    'UNLAUNCHED',
  ]);
});

test('serialized message ids give their key id', () => {
  assert.equal(keyIdOf('true_6281@c.us_3EB0ABC'), '3EB0ABC');
  assert.equal(keyIdOf('false_123@g.us_3EB0ABC_6281@c.us'), '3EB0ABC');
  assert.equal(keyIdOf('3EB0ABC'), '3EB0ABC');
});

test('country code and formatted number', () => {
  assert.deepEqual([countryCode('6281288888888'), formattedNumber('6281288888888')], ['62', '+62 812-8888-8888']);
  assert.deepEqual([countryCode('15550101234'), formattedNumber('15550101234')], ['1', '+1 555-010-1234']);
  assert.equal(countryCode('2348031234567'), '234');
});

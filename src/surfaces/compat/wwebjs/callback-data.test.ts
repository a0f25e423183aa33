import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { DomainEvent, EventType } from '../../../core/events/index.js';
import { callbackOf } from './callback-data.js';

const ev = (type: EventType, payload: unknown): DomainEvent =>
  ({
    id: 'evt_1',
    type,
    account_id: 'acc_1',
    session_id: 'ses_1',
    created_at: '2025-01-01T00:00:00.000Z',
    payload,
  }) as DomainEvent;

test('session status: ready without data, change_state with the WAState, disconnected with a reason', () => {
  assert.deepEqual(callbackOf(ev('session.status', { status: 'connected', previous_status: 'need_scan' })), {
    dataType: 'ready',
  });
  assert.deepEqual(callbackOf(ev('session.status', { status: 'need_scan', previous_status: null })), {
    dataType: 'change_state',
    data: { state: 'UNPAIRED' },
  });
  assert.deepEqual(callbackOf(ev('session.status', { status: 'logged_out', previous_status: 'connected' })), {
    dataType: 'disconnected',
    data: { reason: 'LOGOUT' },
  });
  assert.deepEqual(callbackOf(ev('session.qr', { qr: 'abc', expires_at: null })), {
    dataType: 'qr',
    data: { qr: 'abc' },
  });
});

test('messages: message {message} in whatsapp-web.js shape, message_ack {message, ack}', () => {
  const m = callbackOf(
    ev('messages.received', {
      message: {
        id: 'msg_1',
        wa_id: 'W1',
        chat: '15550001111@s.whatsapp.net',
        chat_type: 'personal',
        from_me: false,
        sender: { jid: '15550001111@s.whatsapp.net', phone: '15550001111', lid: null },
        kind: 'text',
        text: 'hey',
        timestamp: '2025-01-01T00:00:05.000Z',
      },
    }),
  );
  assert.equal(m.dataType, 'message');
  const message = m.data?.message as Record<string, unknown>;
  assert.deepEqual(
    [message.type, message.body, message.from, message.timestamp],
    ['chat', 'hey', '15550001111@c.us', 1735689605],
  );
  const ack = callbackOf(
    ev('messages.status', { message_id: 'msg_2', wa_id: 'W2', chat: '1@s.whatsapp.net', status: 'read', at: '' }),
  );
  assert.equal(ack.dataType, 'message_ack');
  assert.equal(ack.data?.ack, 3);
  assert.deepEqual(((ack.data ?? {}).message as { id: unknown }).id, {
    fromMe: true,
    remote: '1@c.us',
    id: 'W2',
    _serialized: 'true_1@c.us_W2',
  });
});

test('deletes, participants and chats by whatsapp-web.js names', () => {
  const del = (for_everyone: boolean) =>
    callbackOf(
      ev('messages.deleted', { message_id: null, wa_id: 'W', chat: '1@s.whatsapp.net', for_everyone, by: null }),
    ).dataType;
  assert.deepEqual([del(true), del(false)], ['message_revoke_everyone', 'message_revoke_me']);
  const join = callbackOf(
    ev('groups.participants', {
      group: '9@g.us',
      action: 'add',
      participants: [{ jid: '2@s.whatsapp.net', phone: '2', lid: null }],
      by: null,
    }),
  );
  assert.equal(join.dataType, 'group_join');
  assert.deepEqual(((join.data ?? {}).notification as { recipientIds: unknown }).recipientIds, ['2@c.us']);
  const chat = callbackOf(
    ev('chats.update', { chats: [{ id: '1@s.whatsapp.net', archived: true, marked_unread: true }] }),
  );
  assert.equal(chat.dataType, 'unread_count');
  assert.deepEqual(((chat.data ?? {}).chat as { archived: boolean; unreadCount: number }).unreadCount, 1);
});

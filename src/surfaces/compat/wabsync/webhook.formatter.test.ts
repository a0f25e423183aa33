import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import type { DomainEvent } from '../../../core/events/index.js';
import type { WebhookSubscription } from '../../../core/webhooks/webhook.types.js';
import { WabSyncFormatter } from './webhook.formatter.js';

const event: DomainEvent = {
  id: 'evt_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f',
  type: 'messages.received',
  account_id: 'acc_0190f3c2a1b27c4d8e9f0a1b2c3d4e50',
  session_id: 'ses_0190f3c2a1b27c4d8e9f0a1b2c3d4e51',
  created_at: '2025-01-01T00:00:10.000Z',
  payload: {
    message: {
      id: 'msg_0190f3c2a1b27c4d8e9f0a1b2c3d4e52',
      wa_id: '3EB0C4754D4DBC69BA28CE',
      chat: '14155550123@s.whatsapp.net',
      chat_type: 'personal',
      from_me: false,
      sender: { jid: '14155550123@s.whatsapp.net', phone: '14155550123', lid: null },
      kind: 'text',
      text: 'hi',
      timestamp: '2025-01-01T00:00:09.000Z',
      raw: { conversation: 'hi' },
    },
  },
};

const sub = { secret: 'a-secret-of-sixteen+', format: 'wabsync' } as WebhookSubscription;

test('wabsync: {event, event_id, session_id, timestamp, data} with UUID ids, no raw message, a t=,v1= HMAC', () => {
  const at = new Date('2025-01-01T00:00:12.000Z');
  const { body, headers } = new WabSyncFormatter().format(event, sub, at);
  const json = JSON.parse(body);
  assert.deepEqual(json, {
    event: 'message.received',
    event_id: '0190f3c2-a1b2-7c4d-8e9f-0a1b2c3d4e5f',
    session_id: '0190f3c2-a1b2-7c4d-8e9f-0a1b2c3d4e51',
    timestamp: 1735689610,
    data: {
      message: {
        id: '0190f3c2-a1b2-7c4d-8e9f-0a1b2c3d4e52',
        wa_id: '3EB0C4754D4DBC69BA28CE',
        chat: '14155550123@s.whatsapp.net',
        chat_type: 'personal',
        from_me: false,
        sender: { jid: '14155550123@s.whatsapp.net', phone: '14155550123', lid: null },
        kind: 'text',
        text: 'hi',
        timestamp: '2025-01-01T00:00:09.000Z',
      },
    },
  });
  assert.equal(headers['x-wabsync-event'], 'message.received');
  assert.equal(headers['x-wabsync-delivery'], json.event_id);
  const v1 = createHmac('sha256', sub.secret).update(`1735689612.${body}`).digest('hex');
  assert.equal(headers['x-wabsync-signature'], `t=1735689612,v1=${v1}`);
});

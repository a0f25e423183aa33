// Issue 13, webhook payloads: each wagate event, formatted by the wasender formatter for a session
// subscribed to the vendor's name, has the shape of the seed's example of that event (keys, types,
// nesting; seed-webhooks.ts), with the known deviations listed here and in docs/compat/wasender.md.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { DomainEvent, EventMessage, EventType } from '../../../src/core/events/index.js';
import type { WebhookSubscription } from '../../../src/core/webhooks/webhook.types.js';
import { WasenderFormatter } from '../../../src/surfaces/compat/wasender/webhook.formatter.js';
import { SEED_WEBHOOKS } from './seed-webhooks.js';
import { shapeDiff, type Deviations } from './shape.js';

const DEVIATIONS: Record<string, Deviations> = {
  // wagate stamps every event; the vendor's session.status has no timestamp.
  'session.status': { extra: ['timestamp'] },
  'qrcode.updated': { extra: ['timestamp'] },
  // wagate has no picture URL in a contact change; it sends the name and push name it has.
  'contacts.update': { missing: ['data[].imgUrl'], extra: ['data[].name', 'data[].notify'] },
  // wagate's chat events carry its chat state, not WhatsApp's counters.
  'chats.upsert': {
    missing: ['data[].name', 'data[].conversationTimestamp', 'data[].unreadCount'],
    extra: ['data[].archived', 'data[].pinned', 'data[].muted_until', 'data[].marked_unread'],
  },
  'chats.update': {
    missing: ['data[].conversationTimestamp', 'data[].unreadCount'],
    extra: ['data[].archived', 'data[].pinned', 'data[].muted_until', 'data[].marked_unread'],
  },
};

const contact = { jid: '15551230001@s.whatsapp.net', phone: '15551230001', lid: '9988776655@lid', name: 'Ann' };
const lidContact = { jid: '9988776655@lid', phone: '15551230001', lid: '9988776655@lid', name: 'Ann' };

function message(over: Partial<EventMessage>): EventMessage {
  return {
    id: 'msg_1',
    wa_id: '3EB0ABCDEF',
    chat: contact.jid,
    chat_type: 'personal',
    from_me: false,
    sender: contact,
    kind: 'text',
    text: 'hello',
    timestamp: '2025-01-01T00:00:00.000Z',
    raw: { key: {}, message: { conversation: 'hello' } },
    ...over,
  };
}

function ev(type: EventType, payload: unknown): DomainEvent {
  return {
    id: 'evt_1',
    type,
    account_id: 'acc_1',
    session_id: 'ses_1',
    created_at: '2025-01-01T00:00:01.000Z',
    payload,
  } as DomainEvent;
}

const group = '120363000000000001@g.us';
const CASES: Array<[string, DomainEvent]> = [
  ['messages.received', ev('messages.received', { message: message({}) })],
  ['messages-personal.received', ev('messages.received', { message: message({}) })],
  [
    'messages-group.received',
    ev('messages.received', { message: message({ chat: group, chat_type: 'group', sender: lidContact }) }),
  ],
  [
    'messages-newsletter.received',
    ev('messages.received', {
      message: message({ chat: '120363000000000002@newsletter', chat_type: 'newsletter', sender: null }),
    }),
  ],
  ['messages.upsert', ev('messages.received', { message: message({}) })],
  ['message.sent', ev('messages.sent', { message: message({ from_me: true, sender: null }) })],
  [
    'messages.update',
    ev('messages.status', { message_id: 'msg_1', wa_id: '3EB0', chat: contact.jid, status: 'delivered', at: 'x' }),
  ],
  [
    'message-receipt.update',
    ev('messages.receipt', {
      message_id: 'msg_1',
      wa_id: '3EB0',
      chat: group,
      participant: contact,
      type: 'delivered',
      at: '2025-01-01T00:00:00.000Z',
    }),
  ],
  [
    'messages.delete',
    ev('messages.deleted', { message_id: null, wa_id: '3EB0', chat: contact.jid, for_everyone: true, by: contact }),
  ],
  [
    'messages.reaction',
    ev('messages.reaction', { message_id: null, wa_id: '3EB0', chat: contact.jid, emoji: '👍', by: contact }),
  ],
  [
    'poll.results',
    ev('polls.results', {
      wa_id: '3EB0',
      chat: contact.jid,
      options: [
        { name: 'Pizza', voters: [contact] },
        { name: 'Sushi', voters: [] },
      ],
    }),
  ],
  ['session.status', ev('session.status', { status: 'connected', previous_status: 'connecting' })],
  ['qrcode.updated', ev('session.qr', { qr: '2@abc', expires_at: null })],
  [
    'call',
    ev('calls.incoming', {
      call_id: 'C1',
      from: contact,
      is_video: true,
      is_group: false,
      status: 'offer',
      rejected: false,
    }),
  ],
  [
    'contacts.upsert',
    ev('contacts.upsert', {
      contacts: [{ jid: contact.jid, phone: contact.phone, lid: contact.lid, name: 'Ann', push_name: 'Annie' }],
    }),
  ],
  [
    'contacts.update',
    ev('contacts.update', {
      contacts: [{ jid: contact.jid, phone: contact.phone, lid: contact.lid, name: 'Ann', push_name: 'Annie' }],
    }),
  ],
  [
    'groups.upsert',
    ev('groups.upsert', {
      groups: [
        {
          id: group,
          subject: 'Team',
          description: 'about',
          owner: contact.jid,
          created_at: '2025-01-01T00:00:00.000Z',
          announce: false,
          restrict: false,
          join_approval: false,
          member_add_mode: 'admin_add',
          size: 1,
          participants: [{ jid: contact.jid, phone: contact.phone, lid: contact.lid, role: 'superadmin' }],
        },
      ],
    }),
  ],
  ['groups.update', ev('groups.update', { groups: [{ id: group, announce: true, restrict: false }] })],
  ['group-participants.update', ev('groups.participants', { group, action: 'add', participants: [contact], by: null })],
  [
    'chats.upsert',
    ev('chats.upsert', {
      chats: [{ id: contact.jid, archived: false, pinned: false, muted_until: null, marked_unread: false }],
    }),
  ],
  [
    'chats.update',
    ev('chats.update', {
      chats: [{ id: contact.jid, archived: true, pinned: false, muted_until: null, marked_unread: false }],
    }),
  ],
  ['chats.delete', ev('chats.delete', { chats: [contact.jid] })],
];

function subscription(name: string): WebhookSubscription {
  return {
    id: 'whk_1',
    account_id: 'acc_1',
    session_id: 'ses_1',
    url: 'http://127.0.0.1:9/hook',
    secret: '0123456789abcdef0123456789abcdef',
    events: ['*'],
    enabled: true,
    format: 'wasender',
    description: `wasender ${JSON.stringify({ session: 7, events: [name] })}`,
    created_at: '2025-01-01T00:00:00.000Z',
    updated_at: '2025-01-01T00:00:00.000Z',
  };
}

test('every vendor webhook event has the shape of the seed example, under its name', () => {
  const formatter = new WasenderFormatter();
  const problems: string[] = [];
  for (const [name, event] of CASES) {
    const out = formatter.format(event, subscription(name));
    assert.equal(out.headers['x-webhook-signature'], '0123456789abcdef0123456789abcdef');
    const body = JSON.parse(out.body) as { event: string };
    assert.equal(body.event, name, `${event.type} delivered as ${name}`);
    const seed = SEED_WEBHOOKS[name];
    assert.ok(seed, name);
    for (const d of shapeDiff(seed, body, DEVIATIONS[name])) problems.push(`${name}: ${d}`);
  }
  assert.deepEqual(problems, []);
  // Every event the seed documents is covered.
  const covered = new Set(CASES.map(([n]) => n));
  assert.deepEqual(
    Object.keys(SEED_WEBHOOKS).filter((n) => !covered.has(n)),
    [],
  );
});

test('enriched keys: a group message carries participant, participantPn, cleanedParticipantPn, participantLid', () => {
  const formatter = new WasenderFormatter();
  const [, event] = CASES.find(([n]) => n === 'messages-group.received') ?? [];
  assert.ok(event);
  const body = JSON.parse(formatter.format(event, subscription('messages-group.received')).body) as {
    data: { messages: { key: Record<string, unknown> } };
  };
  assert.deepEqual(body.data.messages.key, {
    id: '3EB0ABCDEF',
    fromMe: false,
    remoteJid: group,
    participant: lidContact.jid,
    participantPn: contact.jid,
    cleanedParticipantPn: contact.phone,
    participantLid: contact.lid,
    addressingMode: 'lid',
  });
  // A personal message subscribed only as messages.upsert arrives as that, with an array.
  const upsert = JSON.parse(formatter.format(CASES[0]![1], subscription('messages.upsert')).body) as {
    event: string;
    data: { messages: unknown };
  };
  assert.equal(upsert.event, 'messages.upsert');
  assert.ok(Array.isArray(upsert.data.messages));
});

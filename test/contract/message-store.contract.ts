// The Store contract, messaging part: messages (also the durable send queue), their history, and
// the outbox turning events into deliveries. Run by store.test.ts on SQLite and PostgreSQL.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import type { Message } from '../../src/core/messages/message.types.js';
import type { Store } from '../../src/core/ports/store.js';
import { newId } from '../../src/lib/ids.js';
import { account, session } from './store.contract.js';

const iso = (ms = Date.now()) => new Date(ms).toISOString();

/** A queued outgoing text message of a session (fields overridable); also used by runtime tests. */
export function message(accountId: string, sessionId: string, over: Partial<Message> = {}): Message {
  const at = iso();
  return {
    id: newId('msg'),
    seq: 0,
    accountId,
    sessionId,
    direction: 'out',
    chatId: '15551234567@s.whatsapp.net',
    waId: null,
    sender: null,
    kind: 'text',
    text: 'hi',
    content: { kind: 'text', text: 'hi' },
    raw: null,
    status: 'queued',
    error: null,
    idempotencyKey: null,
    waTimestamp: null,
    createdAt: at,
    updatedAt: at,
    ...over,
  };
}

export function messageStoreContract(store: () => Store): void {
  test('messages: insert and find, only within their account; idempotency keys and WhatsApp ids are unique per session', async () => {
    const s = store();
    const a = await account(s);
    const b = await account(s);
    const ses = await session(s, a);
    const m = message(a, ses.id, { seq: await s.counters.next('contract_msg'), idempotencyKey: 'k1', waId: 'WA1' });
    assert.equal(await s.messages.insert(m), true);
    assert.deepEqual((await s.messages.findById(a, m.id))?.content, m.content);
    assert.equal(await s.messages.findById(b, m.id), null);
    assert.equal((await s.messages.findBySeq(a, m.seq))?.id, m.id);
    assert.equal((await s.messages.findByIdempotencyKey(ses.id, 'k1'))?.id, m.id);
    assert.equal((await s.messages.findByWaId(ses.id, 'WA1'))?.id, m.id);
    assert.equal(
      await s.messages.insert(message(a, ses.id, { seq: await s.counters.next('contract_msg'), idempotencyKey: 'k1' })),
      false,
    );
    assert.equal(
      await s.messages.insert(message(a, ses.id, { seq: await s.counters.next('contract_msg'), waId: 'WA1' })),
      false,
    );
  });

  test('send queue: oldest queued first; a conditional claim wins once; statuses move and count per session', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const other = await session(s, a);
    const first = message(a, ses.id, { seq: await s.counters.next('contract_msg') });
    const second = message(a, ses.id, { seq: await s.counters.next('contract_msg') });
    await s.messages.insert(first);
    await s.messages.insert(second);
    await s.messages.insert(message(a, other.id, { seq: await s.counters.next('contract_msg') }));
    assert.equal((await s.messages.oldestWithStatus(ses.id, 'queued'))?.id, first.id);
    assert.equal(
      await s.messages.updateIf(first.id, 'queued', { status: 'sending', waId: 'WA-first', updatedAt: iso() }),
      true,
    );
    assert.equal(await s.messages.updateIf(first.id, 'queued', { status: 'sending', updatedAt: iso() }), false);
    assert.equal((await s.messages.oldestWithStatus(ses.id, 'queued'))?.id, second.id);
    assert.equal(await s.messages.countWithStatus(ses.id, 'queued'), 1);
    assert.equal(await s.messages.moveStatus(ses.id, 'sending', 'queued', iso()), 1);
    assert.equal(await s.messages.countWithStatus(ses.id, 'queued'), 2);
    assert.equal(await s.messages.countWithStatus(other.id, 'queued'), 1);
    await s.messages.update(second.id, { status: 'sent', updatedAt: iso() });
    assert.equal((await s.messages.findById(a, second.id))?.status, 'sent');
  });

  test('messages: list newest first, filtered by direction and chat, paged by id', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const ids: string[] = [];
    for (const [direction, chatId] of [
      ['out', '1@s.whatsapp.net'],
      ['in', '1@s.whatsapp.net'],
      ['out', '2@g.us'],
    ] as const) {
      const m = message(a, ses.id, { seq: await s.counters.next('contract_msg'), direction, chatId });
      ids.push(m.id);
      await s.messages.insert(m);
    }
    assert.deepEqual(
      (await s.messages.list(a, ses.id, { limit: 10 })).map((m) => m.id),
      [...ids].reverse(),
    );
    assert.deepEqual(
      (await s.messages.list(a, ses.id, { limit: 10, direction: 'out' })).map((m) => m.id),
      [ids[2], ids[0]],
    );
    assert.deepEqual(
      (await s.messages.list(a, ses.id, { limit: 10, chatId: '1@s.whatsapp.net' })).map((m) => m.id),
      [ids[1], ids[0]],
    );
    assert.deepEqual(
      (await s.messages.list(a, ses.id, { limit: 1, beforeId: ids[2] })).map((m) => m.id),
      [ids[1]],
    );
  });

  test('message history: entries of one message in order', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const m = message(a, ses.id, { seq: await s.counters.next('contract_msg') });
    await s.messages.insert(m);
    await s.messageEvents.insert({ id: newId('mev'), messageId: m.id, status: 'queued', detail: null, at: iso(1) });
    await s.messageEvents.insert({
      id: newId('mev'),
      messageId: m.id,
      status: 'sent',
      detail: { wa_id: 'X' },
      at: iso(2),
    });
    const history = await s.messageEvents.listForMessage(m.id);
    assert.deepEqual(
      history.map((e) => e.status),
      ['queued', 'sent'],
    );
    assert.deepEqual(history[1]?.detail, { wa_id: 'X' });
  });

  test('outbox: an appended event is stored with an id and readable in its account only', async () => {
    const s = store();
    const a = await account(s);
    const b = await account(s);
    const ses = await session(s, a);
    const stored = await s.transaction((tx) =>
      tx.outbox.append({
        type: 'session.status',
        account_id: a,
        session_id: ses.id,
        payload: { status: 'connected', previous_status: 'connecting' },
      }),
    );
    assert.match(stored.id, /^evt_/);
    assert.equal((await s.eventLog.get(a, stored.id))?.type, 'session.status');
    assert.equal(await s.eventLog.get(b, stored.id), null);
    assert.deepEqual(
      (await s.eventLog.listAfter({ accountId: a, sessionId: ses.id }, null, 10)).map((e) => e.id),
      [stored.id],
    );
  });

  test('engine auth: values per session and type; writes and deletes in one call; clear wipes one session only', async () => {
    const s = store();
    const a = await account(s);
    const one = await session(s, a);
    const two = await session(s, a);
    await s.engineAuth.set(one.id, [
      { type: 'creds', id: 'me', value: '{"x":1}' },
      { type: 'pre-key', id: '1', value: 'k1' },
      { type: 'pre-key', id: '2', value: 'k2' },
    ]);
    await s.engineAuth.set(two.id, [{ type: 'pre-key', id: '1', value: 'other' }]);
    assert.deepEqual([...(await s.engineAuth.get(one.id, 'pre-key', ['1', '2', '3'])).entries()].sort(), [
      ['1', 'k1'],
      ['2', 'k2'],
    ]);
    await s.engineAuth.set(one.id, [
      { type: 'pre-key', id: '1', value: null },
      { type: 'pre-key', id: '2', value: 'k2b' },
    ]);
    assert.deepEqual([...(await s.engineAuth.get(one.id, 'pre-key', ['1', '2'])).entries()], [['2', 'k2b']]);
    await s.engineAuth.clear(one.id);
    assert.equal((await s.engineAuth.get(one.id, 'creds', ['me'])).size, 0);
    assert.equal((await s.engineAuth.get(two.id, 'pre-key', ['1'])).get('1'), 'other');
  });
}

export function chatStoreContract(store: () => Store): void {
  test('chats: state merges per chat; the list groups messages by chat, newest first, pages by cursor, per account', async () => {
    const s = store();
    const a = await account(s);
    const b = await account(s);
    const ses = await session(s, a);
    const chatA = '15550000001@s.whatsapp.net';
    const chatB = '15550000002@s.whatsapp.net';
    for (const [chat, ms, waId] of [
      [chatA, 1_000, 'C1'],
      [chatA, 2_000, 'C2'],
      [chatB, 3_000, 'C3'],
    ] as const) {
      await s.messages.insert(
        message(a, ses.id, {
          seq: await s.counters.next('contract_msg'),
          chatId: chat,
          waId,
          status: 'sent',
          createdAt: iso(Date.UTC(2030, 0, 1) + ms),
        }),
      );
    }
    const state = await s.chats.update(a, ses.id, chatA, { archivedAt: iso() }, iso());
    assert.ok(state.archivedAt);
    const merged = await s.chats.update(a, ses.id, chatA, { pinnedAt: iso() }, iso());
    assert.ok(merged.archivedAt && merged.pinnedAt, 'a patch keeps the other fields');
    const list = await s.chats.list(a, ses.id, { limit: 10 });
    assert.deepEqual(
      list.map((c) => [c.chatId, c.messageCount, c.archivedAt !== null]),
      [
        [chatB, 1, false],
        [chatA, 2, true],
      ],
    );
    const first = list[0];
    assert.ok(first?.lastMessageAt);
    const next = await s.chats.list(a, ses.id, {
      limit: 10,
      before: { lastMessageAt: first.lastMessageAt, chatId: first.chatId },
    });
    assert.deepEqual(
      next.map((c) => c.chatId),
      [chatA],
    );
    assert.equal((await s.chats.get(a, ses.id, chatA))?.messageCount, 2);
    assert.equal(await s.chats.get(b, ses.id, chatA), null, 'another account sees nothing');
    assert.deepEqual(await s.chats.list(b, ses.id, { limit: 10 }), []);
    assert.equal((await s.chats.lastMessage(a, ses.id, chatA))?.waId, 'C2');
    // Search by text: case-insensitive, and LIKE's wildcards match themselves.
    assert.equal((await s.messages.list(a, ses.id, { limit: 10, textContains: 'HI' })).length, 3);
    assert.equal((await s.messages.list(a, ses.id, { limit: 10, textContains: '%' })).length, 0);
    assert.equal((await s.messages.list(a, ses.id, { limit: 10, textContains: '_' })).length, 0);
    // History fetched from the phone is stored after newer messages: the oldest is by WhatsApp time.
    await s.messages.insert(
      message(a, ses.id, {
        seq: await s.counters.next('contract_msg'),
        chatId: chatA,
        waId: 'C0',
        direction: 'in',
        status: 'received',
        waTimestamp: iso(Date.UTC(2029, 0, 1)),
      }),
    );
    assert.deepEqual(await s.chats.oldestMessage(a, ses.id, chatA), {
      waId: 'C0',
      fromMe: false,
      participant: null,
      timestamp: Date.UTC(2029, 0, 1) / 1000,
    });
    assert.equal((await s.chats.lastMessage(a, ses.id, chatA))?.waId, 'C2', 'the last is still the latest');
    assert.equal(await s.chats.oldestMessage(b, ses.id, chatA), null, 'another account sees nothing');
  });
}

export function contactStoreContract(store: () => Store): void {
  test('contacts: merged per person (a LID row gains its phone), null keeps what is known, names set and cleared, pages by jid', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const at = iso();
    await s.contacts.upsert(
      a,
      ses.id,
      [{ jid: '999@lid', phone: null, lid: '999@lid', name: null, pushName: 'Pat' }],
      at,
    );
    await s.contacts.upsert(
      a,
      ses.id,
      [{ jid: '15550000009@s.whatsapp.net', phone: '15550000009', lid: '999@lid', name: 'Patricia', pushName: null }],
      at,
    );
    const merged = await s.contacts.get(a, ses.id, '15550000009@s.whatsapp.net');
    assert.equal(merged, null, 'kept under the row it was first stored as (the LID)');
    const byLid = await s.contacts.get(a, ses.id, '999@lid');
    assert.deepEqual([byLid?.phone, byLid?.name, byLid?.pushName], ['15550000009', 'Patricia', 'Pat']);
    await s.contacts.setName(
      a,
      ses.id,
      { jid: '999@lid', phone: null, lid: '999@lid', name: null, pushName: null },
      at,
    );
    const cleared = await s.contacts.get(a, ses.id, '999@lid');
    assert.deepEqual([cleared?.name, cleared?.phone, cleared?.pushName], [null, '15550000009', 'Pat']);
    await s.contacts.upsert(
      a,
      ses.id,
      [{ jid: '15550000001@s.whatsapp.net', phone: '15550000001', lid: null, name: null, pushName: null }],
      at,
    );
    const page = await s.contacts.list(a, ses.id, { limit: 1 });
    assert.equal(page.length, 1);
    const rest = await s.contacts.list(a, ses.id, { limit: 10, afterJid: page[0]?.jid });
    assert.equal(rest.length, 1);
    assert.deepEqual(await s.contacts.list(await account(s), ses.id, { limit: 10 }), []);
  });
}

export function labelStoreContract(store: () => Store): void {
  test('labels: upserted, deleted ones hidden, put on and taken off chats, per session and account', async () => {
    const s = store();
    const a = await account(s);
    const ses = await session(s, a);
    const chat = '15550000003@s.whatsapp.net';
    await s.labels.upsert(a, ses.id, { id: '2', name: 'Paid', color: 1, deleted: false }, iso());
    await s.labels.upsert(a, ses.id, { id: '1', name: 'New', color: 0, deleted: false }, iso());
    await s.labels.upsert(a, ses.id, { id: '2', name: 'Paid in full', color: 2, deleted: false }, iso());
    assert.deepEqual(
      (await s.labels.list(a, ses.id)).map((l) => [l.id, l.name, l.color]),
      [
        ['1', 'New', 0],
        ['2', 'Paid in full', 2],
      ],
    );
    await s.labels.setChat(a, ses.id, '2', chat, true);
    await s.labels.setChat(a, ses.id, '2', chat, true);
    assert.deepEqual(await s.labels.chatsOf(a, ses.id, '2'), [chat]);
    assert.deepEqual(
      (await s.labels.labelsOf(a, ses.id, chat)).map((l) => l.id),
      ['2'],
    );
    await s.labels.upsert(a, ses.id, { id: '1', name: 'New', color: 0, deleted: true }, iso());
    assert.deepEqual(
      (await s.labels.list(a, ses.id)).map((l) => l.id),
      ['2'],
    );
    await s.labels.setChat(a, ses.id, '2', chat, false);
    assert.deepEqual(await s.labels.chatsOf(a, ses.id, '2'), []);
    assert.deepEqual(await s.labels.list(await account(s), ses.id), []);
  });
}

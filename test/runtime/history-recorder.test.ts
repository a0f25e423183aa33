// A batch of on-demand history from the phone, on the real SQLite store and the runtime host the
// container uses: new messages are stored oldest first (same second: the phone's newest-first
// order reversed), one already held is skipped and counted, an edit in the batch is not a message,
// and the batch makes exactly one messages.history event (no messages.received per message).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createStore } from '../../src/app/container.js';
import type { Outbox } from '../../src/core/events/outbox.js';
import type { EventPayloads, NewEvent } from '../../src/core/events/event.types.js';
import { systemClock } from '../../src/core/ports/clock.js';
import type { InboundMessage } from '../../src/core/ports/engine.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { StoreRuntimeHost } from '../../src/core/runtime/store-runtime-host.js';
import { account, session } from '../contract/store.contract.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';

let db: TestDatabase;
let store: Store;
const appended: NewEvent[] = [];

before(async () => {
  db = await createTestDatabase('sqlite');
  store = await createStore(db.config);
  await store.migrate();
});
after(async () => {
  await store.close();
  await db.drop();
});

const chat = '15550001111@s.whatsapp.net';
function inbound(waId: string, text: string, seconds: number, over: Partial<InboundMessage> = {}): InboundMessage {
  return {
    waId,
    chat,
    senderJid: chat,
    senderLid: null,
    senderName: 'Them',
    fromMe: false,
    kind: 'text',
    text,
    timestamp: new Date(seconds * 1000),
    raw: { key: { id: waId } },
    ...over,
  };
}

test('a history batch: stored oldest first, held ones skipped, one messages.history event', async () => {
  const outbox = {
    append: async (_tx: unknown, event: NewEvent) => void appended.push(event),
  } as unknown as Pick<Outbox, 'append'>;
  const host = new StoreRuntimeHost({
    store,
    clock: systemClock,
    logger: silentLogger,
    outbox,
    messageSeqCounter: 'hist_seq',
  });
  const accountId = await account(store);
  const s = await session(store, accountId, { status: 'connected' });
  const ref = { accountId, sessionId: s.id };
  await host.recordInbound(ref, inbound('HELD', 'seen live', 1_700_000_100), true);
  appended.length = 0;

  // As the phone lists a conversation: newest first; B and C share a second.
  await host.recordHistory(ref, 'REQ1', [
    inbound('HELD', 'seen live', 1_700_000_100),
    inbound('C', 'third', 1_700_000_050, { fromMe: true, senderJid: null, senderName: null }),
    inbound('B', 'second', 1_700_000_050),
    inbound('EDIT', '', 1_700_000_040, {
      action: { type: 'edit', target: { chat, waId: 'A', fromMe: false, participant: null }, text: 'x' },
    }),
    inbound('A', 'first', 1_700_000_010),
  ]);

  assert.deepEqual(
    appended.map((e) => e.type),
    ['messages.history'],
    'one event for the batch, none per message',
  );
  const payload = appended[0]!.payload as EventPayloads['messages.history'];
  assert.equal(payload.request_id, 'REQ1');
  assert.equal(payload.chat, chat);
  assert.equal(payload.already_stored, 1);
  assert.deepEqual(
    payload.messages.map((m) => [m.wa_id, m.text, m.from_me]),
    [
      ['A', 'first', false],
      ['B', 'second', false],
      ['C', 'third', true],
    ],
  );
  const stored = await store.messages.list(accountId, s.id, { chatId: chat, limit: 10 });
  assert.deepEqual(stored.map((m) => [m.waId, m.direction, m.status]).reverse(), [
    ['HELD', 'in', 'received'],
    ['A', 'in', 'received'],
    ['B', 'in', 'received'],
    ['C', 'out', 'sent'],
  ]);
  assert.equal((await store.chats.oldestMessage(accountId, s.id, chat))?.waId, 'A');

  // An empty batch (the phone has nothing older) is announced too.
  await host.recordHistory(ref, 'REQ2', []);
  const last = appended.at(-1)!;
  assert.equal(last.type, 'messages.history');
  assert.deepEqual((last.payload as EventPayloads['messages.history']).messages, []);
});

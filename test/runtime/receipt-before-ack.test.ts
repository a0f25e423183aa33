// A contact's delivery receipt can reach us before WhatsApp's server ack for the same message. The
// message reached WhatsApp either way: it must still be `sent` once (messages.sent is what
// customers wait for), then delivered, and the late server ack must add nothing. Real SQLite store
// and the runtime host the container uses; the outbox records what would be delivered.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createStore } from '../../src/app/container.js';
import type { Outbox } from '../../src/core/events/outbox.js';
import type { NewEvent } from '../../src/core/events/event.types.js';
import { systemClock } from '../../src/core/ports/clock.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import type { Store } from '../../src/core/ports/store.js';
import { StoreRuntimeHost } from '../../src/core/runtime/store-runtime-host.js';
import { message } from '../contract/message-store.contract.js';
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

function host(): StoreRuntimeHost {
  const outbox = {
    append: async (_tx: unknown, event: NewEvent) => void appended.push(event),
  } as unknown as Pick<Outbox, 'append'>;
  return new StoreRuntimeHost({
    store,
    clock: systemClock,
    logger: silentLogger,
    outbox,
    messageSeqCounter: 'rba_seq',
  });
}

test('delivered before the server ack: sent once, then delivered; the late ack changes nothing', async () => {
  const h = host();
  const accountId = await account(store);
  const s = await session(store, accountId, { status: 'connected' });
  const ref = { accountId, sessionId: s.id };
  const queued = message(accountId, s.id, { seq: 1 });
  const id = queued.id;
  await store.messages.insert(queued);
  const work = await h.claimNextOutgoing(ref, () => '3EB0RECEIPTFIRST');
  assert.equal(work?.messageId, id);
  appended.length = 0;

  await h.applyStatus(ref, '3EB0RECEIPTFIRST', 'delivered', new Date());
  await h.markSent(id, new Date()); // the server ack, late

  const kinds = appended.map((e) =>
    e.type === 'messages.status' ? `status:${(e.payload as { status: string }).status}` : e.type,
  );
  assert.deepEqual(kinds, ['messages.sent', 'status:sent', 'status:delivered']);
  const stored = await store.messages.findByIdInternal(id);
  assert.equal(stored?.status, 'delivered');
  assert.ok(stored?.waTimestamp, 'the time it reached WhatsApp is kept');
  const history = (await store.messageEvents.listForMessage(id)).map((e) => e.status);
  assert.deepEqual(history.slice(-2), ['sent', 'delivered']);
});

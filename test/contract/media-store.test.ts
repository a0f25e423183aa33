// The media repository on SQLite and PostgreSQL: account scoping, token lookup, expiry (only ever
// later), the sweep's query, and sizes past 2^31 (bigint on PostgreSQL).
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, test } from 'node:test';
import { createStore } from '../../src/app/container.js';
import type { MediaRecord } from '../../src/core/media/media.types.js';
import type { Store } from '../../src/core/ports/store.js';
import { newId } from '../../src/lib/ids.js';
import { createTestDatabase, type TestDatabase } from '../support/databases.js';
import { forEachDialect } from '../support/dialects.js';

function media(accountId: string, over: Partial<MediaRecord> = {}): MediaRecord {
  const id = newId('med');
  return {
    id,
    accountId,
    sessionId: null,
    messageId: null,
    token: randomBytes(16).toString('hex'),
    mimetype: 'image/png',
    ext: 'png',
    size: 123,
    sha256: 'ab'.repeat(32),
    fileName: null,
    origin: 'upload',
    storageKey: `x/${id}`,
    createdAt: '2025-01-01T00:00:00.000Z',
    expiresAt: '2025-01-02T00:00:00.000Z',
    ...over,
  };
}

forEachDialect((dialect) => {
  let db: TestDatabase;
  let store: Store;
  const acc = newId('acc');
  const other = newId('acc');
  before(async () => {
    db = await createTestDatabase(dialect);
    store = await createStore(db.config);
    await store.migrate();
    for (const id of [acc, other]) await store.accounts.insert({ id, name: id, createdAt: '2025-01-01T00:00:00.000Z' });
  });
  after(async () => {
    await store.close();
    await db.drop();
  });

  test('insert, scoped find, token find, message link, bigint size', async () => {
    const m = media(acc, { size: 3_000_000_000, messageId: 'msg_x', fileName: 'a.png' });
    await store.media.insert(m);
    assert.deepEqual(await store.media.findById(acc, m.id), m);
    assert.equal(await store.media.findById(other, m.id), null);
    assert.deepEqual(await store.media.findByIdInternal(m.id), m);
    assert.deepEqual(await store.media.findByToken(m.token), m);
    assert.equal(await store.media.findByToken('nope'), null);
    assert.deepEqual(
      (await store.media.listForMessage('msg_x')).map((x) => x.id),
      [m.id],
    );
  });

  test('expiry only moves later; listExpired finds what is past; deleteIfExpired', async () => {
    const m = media(acc, { expiresAt: '2025-01-02T00:00:00.000Z' });
    await store.media.insert(m);
    await store.media.extendExpiry(m.id, '2025-01-01T12:00:00.000Z');
    assert.equal((await store.media.findByIdInternal(m.id))?.expiresAt, '2025-01-02T00:00:00.000Z');
    await store.media.extendExpiry(m.id, '2025-01-03T00:00:00.000Z');
    assert.equal((await store.media.findByIdInternal(m.id))?.expiresAt, '2025-01-03T00:00:00.000Z');
    const expired = await store.media.listExpired('2025-01-02T12:00:00.000Z', 100);
    assert.ok(!expired.some((x) => x.id === m.id));
    assert.ok((await store.media.listExpired('2025-01-04T00:00:00.000Z', 100)).some((x) => x.id === m.id));
    // Not yet expired at that time (e.g. extended after the sweep listed it): the row stays.
    assert.equal(await store.media.deleteIfExpired(m.id, '2025-01-02T12:00:00.000Z'), false);
    assert.ok(await store.media.findByIdInternal(m.id));
    assert.equal(await store.media.deleteIfExpired(m.id, '2025-01-04T00:00:00.000Z'), true);
    assert.equal(await store.media.findByIdInternal(m.id), null);
    assert.equal(await store.media.deleteIfExpired(m.id, '2025-01-04T00:00:00.000Z'), false);
  });
});

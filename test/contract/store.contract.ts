// The Store port's contract: every adapter must pass it (run by store.test.ts on SQLite and PostgreSQL).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { ConflictError } from '../../src/core/errors.js';
import type { Store } from '../../src/core/ports/store.js';
import { DEFAULT_SESSION_SETTINGS } from '../../src/core/sessions/session.types.js';
import type { Session } from '../../src/core/sessions/session.types.js';
import type { ApiToken } from '../../src/core/tokens/token.types.js';
import { newId } from '../../src/lib/ids.js';
import {
  chatStoreContract,
  contactStoreContract,
  labelStoreContract,
  messageStoreContract,
} from './message-store.contract.js';
import { retentionContract } from './retention.contract.js';

export interface StoreFixture {
  store: Store;
  close(): Promise<void>;
}

const iso = (ms = Date.now()) => new Date(ms).toISOString();

export async function account(store: Store): Promise<string> {
  const id = newId('acc');
  await store.accounts.insert({ id, name: 'test', createdAt: iso() });
  return id;
}

export async function session(store: Store, accountId: string, over: Partial<Session> = {}): Promise<Session> {
  const s: Session = {
    id: newId('ses'),
    seq: await store.counters.next('contract_seq'),
    accountId,
    name: null,
    label: null,
    phoneNumber: null,
    status: 'disconnected',
    settings: { ...DEFAULT_SESSION_SETTINGS },
    createdAt: iso(),
    updatedAt: iso(),
    deletedAt: null,
    ...over,
  };
  await store.sessions.insert(s);
  return s;
}

function token(accountId: string, sessionId: string | null): ApiToken {
  const id = newId(sessionId ? 'sk' : 'pat');
  return {
    id,
    accountId,
    sessionId,
    kind: sessionId ? 'session_key' : 'pat',
    hash: `hash-${id}`,
    fingerprint: 'wg_sk_...abcd',
    name: null,
    createdAt: iso(),
    lastUsedAt: null,
    revokedAt: null,
  };
}

export function storeContract(open: () => Promise<StoreFixture>): void {
  let fx: StoreFixture;
  let store: Store;
  before(async () => {
    fx = await open();
    store = fx.store;
    await store.migrate();
  });
  after(async () => fx.close());
  messageStoreContract(() => store);
  chatStoreContract(() => store);
  contactStoreContract(() => store);
  labelStoreContract(() => store);
  retentionContract(() => store);

  test('migrate is idempotent and ping answers', async () => {
    assert.deepEqual(await store.migrate(), []);
    await store.ping();
  });

  test('accounts: insert, find, count', async () => {
    const before = await store.accounts.count();
    const id = await account(store);
    assert.equal((await store.accounts.findById(id))?.name, 'test');
    assert.equal(await store.accounts.findById(newId('acc')), null);
    assert.equal(await store.accounts.count(), before + 1);
  });

  test('sessions: found by id or name, only within their account, round-tripping every field', async () => {
    const a = await account(store);
    const b = await account(store);
    const s = await session(store, a, { name: 'sales-1', label: 'Sales', phoneNumber: '+14155550123' });
    assert.deepEqual(await store.sessions.findByRef(a, s.id), s);
    assert.deepEqual(await store.sessions.findByRef(a, 'sales-1'), s);
    assert.equal(await store.sessions.findByRef(b, s.id), null);
    assert.equal(await store.sessions.findByRef(b, 'sales-1'), null);
  });

  test('sessions: a name is unique per account, free in other accounts, and reusable once deleted', async () => {
    const a = await account(store);
    const b = await account(store);
    const first = await session(store, a, { name: 'dup' });
    await assert.rejects(
      session(store, a, { name: 'dup' }),
      (err) => err instanceof ConflictError && err.code === 'SESSION_NAME_TAKEN',
    );
    await session(store, b, { name: 'dup' });
    const other = await session(store, a, { name: 'other' });
    await assert.rejects(
      store.sessions.update(a, other.id, { name: 'dup', updatedAt: iso() }),
      (err) => err instanceof ConflictError,
    );
    await store.sessions.update(a, first.id, { status: 'deleted', deletedAt: iso(), updatedAt: iso() });
    assert.equal(await store.sessions.findByRef(a, first.id), null, 'deleted sessions are not found');
    const again = await session(store, a, { name: 'dup' });
    assert.equal((await store.sessions.findByRef(a, 'dup'))?.id, again.id);
  });

  test('sessions: list is newest first, paged by id, filtered by status and session', async () => {
    const a = await account(store);
    const made: Session[] = [];
    for (let i = 0; i < 5; i++) made.push(await session(store, a));
    await store.sessions.update(a, made[0]!.id, { status: 'deleted', deletedAt: iso(), updatedAt: iso() });
    const all = await store.sessions.list(a, { limit: 10 });
    assert.deepEqual(
      all.map((s) => s.id),
      made
        .slice(1)
        .reverse()
        .map((s) => s.id),
    );
    const page = await store.sessions.list(a, { limit: 2, beforeId: made[3]!.id });
    assert.deepEqual(
      page.map((s) => s.id),
      [made[2]!.id, made[1]!.id],
    );
    const deleted = await store.sessions.list(a, { limit: 10, status: 'deleted' });
    assert.deepEqual(
      deleted.map((s) => s.id),
      [made[0]!.id],
    );
    const several = await store.sessions.list(a, { limit: 10, status: ['deleted', 'disconnected'] });
    assert.deepEqual(
      several.map((s) => s.id),
      [...made].reverse().map((s) => s.id),
      'any of several statuses',
    );
    assert.deepEqual(await store.sessions.list(a, { limit: 10, status: [] }), [], 'none of no statuses');
    const one = await store.sessions.list(a, { limit: 10, sessionId: made[2]!.id });
    assert.deepEqual(
      one.map((s) => s.id),
      [made[2]!.id],
    );
    assert.deepEqual(await store.sessions.list(await account(store), { limit: 10 }), []);
  });

  test('sessions: listAllWithStatus spans accounts, oldest first', async () => {
    const a = await account(store);
    const b = await account(store);
    const first = await session(store, a, { status: 'failed' });
    const second = await session(store, b, { status: 'failed' });
    const found = (await store.sessions.listAllWithStatus('failed', 1000)).map((s) => s.id);
    assert.ok(found.indexOf(first.id) >= 0 && found.indexOf(first.id) < found.indexOf(second.id));
    assert.equal((await store.sessions.listAllWithStatus('failed', 1)).length, 1);
  });

  test('sessions: update returns the new row and never touches another account', async () => {
    const a = await account(store);
    const b = await account(store);
    const s = await session(store, a);
    const settings = { ...s.settings, typing: true, proxy_url: 'socks5://p:1080' };
    const updated = await store.sessions.update(a, s.id, {
      label: 'x',
      settings,
      status: 'connecting',
      updatedAt: iso(),
    });
    assert.equal(updated?.label, 'x');
    assert.equal(updated?.status, 'connecting');
    assert.deepEqual(updated?.settings, settings);
    assert.equal(await store.sessions.update(b, s.id, { label: 'evil', updatedAt: iso() }), null);
    assert.equal((await store.sessions.findByRef(a, s.id))?.label, 'x');
  });

  test("tokens: find by hash, revoke a session's keys, touch", async () => {
    const a = await account(store);
    const s = await session(store, a);
    const pat = token(a, null);
    const sk = token(a, s.id);
    await store.tokens.insert(pat);
    await store.tokens.insert(sk);
    assert.deepEqual(await store.tokens.findByHash(sk.hash), sk);
    assert.equal((await store.tokens.findActiveSessionKey(a, s.id))?.id, sk.id);
    assert.equal(await store.tokens.revokeSessionKeys(a, s.id, iso()), 1);
    assert.equal(await store.tokens.revokeSessionKeys(a, s.id, iso()), 0);
    assert.notEqual((await store.tokens.findByHash(sk.hash))?.revokedAt, null);
    assert.equal(await store.tokens.findActiveSessionKey(a, s.id), null);
    assert.equal((await store.tokens.findByHash(pat.hash))?.revokedAt, null, 'the PAT is untouched');
    assert.deepEqual(await store.tokens.revokedAmong([pat.id, sk.id, 'pat_unknown']), [sk.id, 'pat_unknown']);
    assert.deepEqual(await store.tokens.revokedAmong([]), []);
    const at = iso();
    await store.tokens.touch(pat.id, at);
    assert.equal((await store.tokens.findByHash(pat.hash))?.lastUsedAt, at);
  });

  test('session logs: newest first, paged, scoped to account and session', async () => {
    const a = await account(store);
    const s = await session(store, a);
    const ids: string[] = [];
    for (const event of ['created', 'updated', 'key_rotated'] as const) {
      const id = newId('slog');
      ids.push(id);
      await store.sessionLogs.insert({
        id,
        accountId: a,
        sessionId: s.id,
        event,
        detail: { n: ids.length },
        createdAt: iso(),
      });
    }
    const logs = await store.sessionLogs.list(a, s.id, { limit: 10 });
    assert.deepEqual(
      logs.map((l) => l.event),
      ['key_rotated', 'updated', 'created'],
    );
    assert.deepEqual(logs[0]?.detail, { n: 3 });
    assert.deepEqual(
      (await store.sessionLogs.list(a, s.id, { limit: 1, beforeId: ids[2] })).map((l) => l.id),
      [ids[1]],
    );
    assert.deepEqual(await store.sessionLogs.list(await account(store), s.id, { limit: 10 }), []);
  });

  test('counters: start at 1, increase, and stay unique under concurrent transactions', async () => {
    const name = `c_${newId('x')}`;
    assert.equal(await store.counters.next(name), 1);
    assert.equal(await store.counters.next(name), 2);
    const values = await Promise.all(
      Array.from({ length: 20 }, () => store.transaction((tx) => tx.counters.next(name))),
    );
    assert.equal(new Set(values).size, 20);
    assert.deepEqual(
      [...values].sort((x, y) => x - y),
      Array.from({ length: 20 }, (_, i) => i + 3),
    );
  });

  test('fences: a token at or above the fence writes and raises it; an older one is refused', async () => {
    const s = newId('ses');
    assert.equal(await store.fences.advance(s, 3), true, 'the first token sets the fence');
    assert.equal(await store.fences.advance(s, 3), true, 'the holder writes again with its token');
    assert.equal(await store.fences.advance(s, 5), true, 'a newer holder raises it');
    assert.equal(await store.fences.advance(s, 3), false, 'the old holder is refused from then on');
    assert.equal(await store.fences.advance(newId('ses'), 1), true, 'fences are per session');
    // Rolled back with its transaction: a refused write leaves the fence where it was.
    await store.transaction(async (tx) => assert.equal(await tx.fences.advance(s, 4), false));
    assert.equal(await store.fences.advance(s, 5), true);
  });

  test('transaction: commits on success, rolls everything back on a throw', async () => {
    const a = await account(store);
    const template = await session(store, a);
    const id = newId('ses');
    await assert.rejects(
      store.transaction(async (tx) => {
        await tx.sessions.insert({ ...template, id, seq: await tx.counters.next('contract_seq') });
        throw new Error('boom');
      }),
      /boom/,
    );
    assert.equal(await store.sessions.findByRef(a, id), null);
    const kept = await store.transaction(async (tx) => {
      const s: Session = { ...template, id: newId('ses'), seq: await tx.counters.next('contract_seq') };
      await tx.sessions.insert(s);
      return s;
    });
    assert.equal((await store.sessions.findByRef(a, kept.id))?.id, kept.id);
  });
}

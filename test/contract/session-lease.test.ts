// SessionLease contract (run against every adapter; today the in-process one): one holder per
// session, fencing tokens that grow with each grant, release only by the current holder.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { createMemoryLease, MemoryLeaseRegistry } from '../../src/adapters/memory-lease/index.js';
import type { SessionLease } from '../../src/core/ports/session-lease.js';

const adapters: Array<[string, () => [SessionLease, SessionLease]]> = [
  [
    'memory',
    () => {
      const registry = new MemoryLeaseRegistry();
      return [createMemoryLease({ nodeId: 'node-a', registry }), createMemoryLease({ nodeId: 'node-b', registry })];
    },
  ],
];

for (const [name, twoNodes] of adapters) {
  describe(`SessionLease contract: ${name}`, () => {
    test('one holder at a time; re-acquiring returns the same lease', async () => {
      const [a, b] = twoNodes();
      const lease = await a.acquire('ses_1');
      assert.ok(lease);
      assert.equal(lease.holder, 'node-a');
      assert.equal(await b.acquire('ses_1'), null);
      assert.deepEqual(await a.acquire('ses_1'), lease);
      assert.deepEqual(await b.holderOf('ses_1'), lease);
      assert.equal(await a.holderOf('ses_2'), null);
    });

    test('after a release the other node gets it with a larger fencing token; the old lease is no longer current', async () => {
      const [a, b] = twoNodes();
      const first = await a.acquire('ses_1');
      assert.ok(first);
      await a.release(first);
      const second = await b.acquire('ses_1');
      assert.ok(second);
      assert.ok(second.token > first.token);
      assert.equal(await a.isCurrent(first), false);
      assert.equal(await b.isCurrent(second), true);
      await a.release(first); // a stale release changes nothing
      assert.deepEqual(await a.holderOf('ses_1'), second);
    });
  });
}

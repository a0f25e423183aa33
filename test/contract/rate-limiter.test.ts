// RateLimiter contract across nodes: two "nodes" (two Redis connections, one key prefix) share one
// quota, so a limit of N per window holds for the cluster, not per node; refunds are shared too.
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, test } from 'node:test';
import { Redis } from 'ioredis';
import { createRedisRateLimiter } from '../../src/adapters/redis-limiter/index.js';

const a = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const b = new Redis('redis://127.0.0.1:6379', { maxRetriesPerRequest: 1 });
const prefix = `wagate-test:${randomBytes(6).toString('hex')}:`;
after(async () => {
  const keys = await a.keys(`${prefix}*`);
  if (keys.length) await a.del(...keys);
  a.disconnect();
  b.disconnect();
});

test('a quota holds across nodes: 3 per minute means 3 in total, whichever node consumes', async () => {
  const nodeA = createRedisRateLimiter({ redis: a, prefix });
  const nodeB = createRedisRateLimiter({ redis: b, prefix });
  const results = [];
  for (const node of [nodeA, nodeB, nodeA, nodeB]) results.push(await node.consume('ses_1', 3, 60_000));
  assert.deepEqual(
    results.map((r) => r.allowed),
    [true, true, true, false],
  );
  assert.ok((results[3]?.retryAfterMs ?? 0) > 0);
  // A refused consume counts too (rate-limiter-flexible): give back both it and one that was allowed.
  await nodeA.refund('ses_1', 3, 60_000);
  await nodeA.refund('ses_1', 3, 60_000);
  assert.equal(
    (await nodeB.consume('ses_1', 3, 60_000)).allowed,
    true,
    'a refund on one node frees a point on another',
  );
  assert.equal((await nodeB.consume('ses_2', 3, 60_000)).allowed, true, 'other keys have their own quota');
  assert.equal((await nodeB.consume('ses_1', 5, 60_000)).allowed, true, 'another quota shape has its own counter');
});

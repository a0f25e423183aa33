import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GroupCommitter } from './group-commit.js';

test('concurrent submits share batches and each gets its own result', async () => {
  const batches: number[][] = [];
  const gc = new GroupCommitter<number, number>(
    async (items) => {
      batches.push(items);
      await new Promise((r) => setTimeout(r, 5));
      return items.map((n) => n * 10);
    },
    { maxBatch: 4 },
  );
  const results = await Promise.all([1, 2, 3, 4, 5, 6].map((n) => gc.submit(n)));
  assert.deepEqual(results, [10, 20, 30, 40, 50, 60]);
  assert.deepEqual(batches, [
    [1, 2, 3, 4],
    [5, 6],
  ]);
});

test('a failing batch is retried item by item: only the bad item fails', async () => {
  const gc = new GroupCommitter<number, number>(
    async (items) => {
      if (items.includes(2)) throw new Error(`bad batch ${items.join(',')}`);
      return items;
    },
    { maxBatch: 10 },
  );
  const settled = await Promise.allSettled([1, 2, 3].map((n) => gc.submit(n)));
  assert.deepEqual(
    settled.map((s) => s.status),
    ['fulfilled', 'rejected', 'fulfilled'],
  );
});

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelay } from './backoff.js';

test('backoff doubles up to the cap, with jitter in the upper half', () => {
  const lo = { baseMs: 1000, maxMs: 60_000, random: () => 0 };
  const hi = { baseMs: 1000, maxMs: 60_000, random: () => 0.999999 };
  assert.equal(backoffDelay(0, lo), 500);
  assert.equal(backoffDelay(3, lo), 4000);
  assert.equal(backoffDelay(3, hi), 8000);
  assert.equal(backoffDelay(20, hi), 60_000);
  assert.equal(backoffDelay(20, lo), 30_000);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEFAULT_RETRY_POLICY, nextAttemptAt, retryDelayMs } from './retry-schedule.js';

test('delays double, stay within the jitter band and the cap', () => {
  const mid = () => 0.5;
  assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 1, mid), 5_000);
  assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 2, mid), 10_000);
  assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 3, mid), 20_000);
  assert.equal(retryDelayMs(DEFAULT_RETRY_POLICY, 30, mid), 3_600_000);
  assert.equal(
    retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 0),
    4_000,
  );
  assert.equal(
    retryDelayMs(DEFAULT_RETRY_POLICY, 1, () => 1),
    6_000,
  );
  assert.ok(retryDelayMs(DEFAULT_RETRY_POLICY, 30, () => 1) <= 3_600_000);
});

test('the schedule gives up after max age (24 h by default)', () => {
  const created = new Date('2025-01-01T00:00:00Z');
  let now = created;
  let failures = 0;
  for (;;) {
    const next = nextAttemptAt(DEFAULT_RETRY_POLICY, created, now, ++failures, () => 0.5);
    if (!next) break;
    now = next;
  }
  assert.ok(now.getTime() - created.getTime() <= DEFAULT_RETRY_POLICY.maxAgeMs);
  assert.ok(now.getTime() - created.getTime() > DEFAULT_RETRY_POLICY.maxAgeMs - 3_600_000);
  assert.ok(failures > 20 && failures < 40, `attempts: ${failures}`);
});

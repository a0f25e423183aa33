import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createMemoryRateLimiter } from '../../adapters/memory-limiter/index.js';
import { RateLimitedError } from '../errors.js';
import { SendQuota, sendPolicy, typingDurationMs } from './send-limits.js';

test('account protection spaces sends 5 s apart and keeps one in flight', () => {
  const cfg = { perMinute: 256, perDay: null, protectionIntervalMs: 5000, maxInFlight: 4 };
  assert.deepEqual(sendPolicy(cfg, { account_protection: true, typing: false }), {
    minIntervalMs: 5000,
    typing: false,
    maxInFlight: 1,
  });
  assert.deepEqual(sendPolicy(cfg, { account_protection: false, typing: true }), {
    minIntervalMs: 235,
    typing: true,
    maxInFlight: 4,
  });
});

test('typing lasts between 1 and 5 seconds', () => {
  assert.equal(typingDurationMs(0), 1000);
  assert.equal(typingDurationMs(50), 2600);
  assert.equal(typingDurationMs(10_000), 5000);
});

test('the minute quota refuses with retry_after; the daily cap refuses and refunds the minute', async () => {
  const quota = new SendQuota(createMemoryRateLimiter(), {
    perMinute: 2,
    perDay: 3,
    protectionIntervalMs: 5000,
    maxInFlight: 1,
  });
  const a = await quota.take('s1');
  assert.equal(a.remaining, 1);
  await quota.take('s1');
  await assert.rejects(
    quota.take('s1'),
    (err: unknown) => err instanceof RateLimitedError && err.retryAfterMs > 0 && err.retryAfterMs <= 60_000,
  );
  // Another session has its own quota.
  await quota.take('s2');
  const daily = new SendQuota(createMemoryRateLimiter(), {
    perMinute: 10,
    perDay: 1,
    protectionIntervalMs: 5000,
    maxInFlight: 1,
  });
  await daily.take('s');
  await assert.rejects(
    daily.take('s'),
    (err: unknown) => err instanceof RateLimitedError && /daily cap/.test(err.message),
  );
});

// Wapio's rate-limit contract (API-CATALOG §3.1): past the per-minute budget a 429 rate_limited
// with Retry-After (seconds) and X-RateLimit-* (Reset as a Unix time, as the SDK reads it); every
// response carries an x-request-id. Responses are validated by Wapio's OpenAPI.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, type TestApp } from '../../support/harness.js';
import { oracleErrors } from './oracle.js';

let t: TestApp;
let token: string;
before(async () => {
  t = await createTestApp({ env: { WAGATE_RATE_LIMIT_PER_MINUTE: '3' } });
  ({ token } = await t.createAccount());
});
after(async () => {
  await t?.close();
});

test('the fourth request in a minute is 429 rate_limited with Retry-After and X-RateLimit-*', async () => {
  const codes: number[] = [];
  let last = await t.raw('GET', '/wapio/v1/whatsapp-sessions', token);
  for (let i = 0; i < 3; i++) {
    last = await t.raw('GET', '/wapio/v1/whatsapp-sessions', token);
    codes.push(last.statusCode);
    const body = JSON.parse(last.body);
    assert.deepEqual(oracleErrors('GET', '/v1/whatsapp-sessions', last.statusCode, body), [], last.body);
    assert.match(String(last.headers['x-request-id']), /^req_[0-9a-f]{32}$/, 'a request id on every response');
  }
  assert.equal(codes.at(-1), 429, codes.join());
  const body = JSON.parse(last.body);
  assert.equal(body.success, false);
  assert.equal(body.reason_code, 'rate_limited');
  const retryAfter = Number(last.headers['retry-after']);
  assert.ok(Number.isInteger(retryAfter) && retryAfter >= 1 && retryAfter <= 60, String(last.headers['retry-after']));
  const now = Math.floor(Date.now() / 1000);
  const reset = Number(last.headers['x-ratelimit-reset']);
  assert.ok(reset >= now && reset <= now + 61, `X-RateLimit-Reset ${reset} is a Unix time`);
  assert.equal(last.headers['x-ratelimit-limit'], '3');
  assert.equal(last.headers['x-ratelimit-remaining'], '0');
});

// Issue 5, the send pipeline end to end: account protection spaces messages 5 s apart at the
// contact (the pacing of longer queues, typing and in-flight limits run on a fake clock in
// test/runtime/send-pump.test.ts; here the real path shows one gap); per-session quotas answer 429 with retry_after; X-RateLimit-* (request limit) and X-Send-Quota-* headers;
// the same Idempotency-Key twice gives one message at the contact.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { useLinkedSession, waitFor } from '../support/sim.js';

interface InboxItem {
  id: string;
  text?: string;
  received_at: string;
}

describe('send pipeline: pacing, quotas, idempotency', () => {
  const ctx = useLinkedSession({ env: { WAGATE_SEND_PER_MINUTE: '8' }, names: ['Pipeline', 'Pipeline Contact'] });

  test('with account protection on, messages leave at least 5 s apart, in order', async () => {
    const { sim, t, token, sessionId, contact } = ctx;
    const settings = await t.request(token, 'GET', `/v1/sessions/${sessionId}/settings`);
    assert.equal(
      settings.body.settings?.account_protection ?? settings.body.account_protection,
      true,
      'protection is on by default',
    );
    const texts = [1, 2].map((i) => `paced ${i}`);
    for (const text of texts) {
      const res = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, { to: contact.phone, text });
      assert.equal(res.statusCode, 202);
    }
    const items = await waitFor(
      'both at the contact',
      async () => {
        const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
        const got = texts.map((x) => inbox.find((m) => m.text === x));
        return got.every(Boolean) ? (got as InboxItem[]) : undefined;
      },
      20_000,
      250,
    );
    const at = items.map((m) => Date.parse(m.received_at));
    for (let i = 1; i < at.length; i++) {
      const gap = at[i]! - at[i - 1]!;
      // 5 s between sends; delivery to the contact can vary by a few milliseconds either way.
      assert.ok(gap >= 4_950, `message ${i + 1} arrived ${gap} ms after message ${i} (FIFO and ≥ 5 s apart expected)`);
    }
  });

  test('quota: X-RateLimit headers, then 429 with retry_after; the same Idempotency-Key gives one message', async () => {
    const { sim, t, token, sessionId, contact } = ctx;
    // Protection off so the remaining quota of 8/min is what limits.
    await t.request(token, 'PATCH', `/v1/sessions/${sessionId}/settings`, { account_protection: false });
    const key = `idem-${Date.now()}`;
    const first = await t.raw(
      'POST',
      `/v1/sessions/${sessionId}/messages`,
      token,
      { to: contact.phone, text: 'idempotent once' },
      { 'idempotency-key': key },
    );
    assert.equal(first.statusCode, 202);
    // Two limits, two header families: X-RateLimit-* is always the per-token request limit, the
    // session's send quota (8 per minute here) has its own names.
    assert.equal(
      first.headers['x-ratelimit-limit'],
      String(t.config.limits.requestsPerMinute),
      'X-RateLimit-Limit is the request limit, on the send route too',
    );
    assert.equal(first.headers['x-send-quota-limit'], '8', 'send responses carry the send quota');
    assert.ok(Number(first.headers['x-send-quota-remaining']) < 8);
    assert.ok(first.headers['x-send-quota-reset'] !== undefined);
    const again = await t.raw(
      'POST',
      `/v1/sessions/${sessionId}/messages`,
      token,
      { to: contact.phone, text: 'idempotent once' },
      { 'idempotency-key': key },
    );
    assert.equal(again.statusCode, 202);
    assert.equal(JSON.parse(again.body).message.id, JSON.parse(first.body).message.id, 'same key → same message');

    const get = await t.raw('GET', `/v1/sessions/${sessionId}`, token);
    assert.equal(
      get.headers['x-ratelimit-limit'],
      String(t.config.limits.requestsPerMinute),
      'every /v1 response carries X-RateLimit-Limit',
    );
    assert.equal(get.headers['x-send-quota-limit'], undefined, 'only routes that queue messages report the send quota');

    let limited: { statusCode: number; body: string; headers: Record<string, unknown> } | undefined;
    for (let i = 0; i < 10 && !limited; i++) {
      const res = await t.raw('POST', `/v1/sessions/${sessionId}/messages`, token, {
        to: contact.phone,
        text: `burst ${i}`,
      });
      if (res.statusCode === 429) limited = res;
      else assert.equal(res.statusCode, 202);
    }
    assert.ok(limited, 'the per-minute quota (8) runs out');
    const body = JSON.parse(limited.body);
    assert.equal(body.error.code, 'RATE_LIMITED');
    assert.ok(body.error.retry_after >= 1 && body.error.retry_after <= 60);
    assert.ok(limited.headers['retry-after']);
    assert.equal(limited.headers['x-send-quota-remaining'], '0', 'the 429 carries the headers of the limit it hit');
    assert.notEqual(limited.headers['x-ratelimit-remaining'], '0', 'the request limit is not the one used up');

    await waitFor('the idempotent message at the contact', async () => {
      const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.some((m) => m.text === 'idempotent once');
    });
    await new Promise((r) => setTimeout(r, 1000));
    const inbox = await sim.control<InboxItem[]>('GET', `/sim/accounts/${contact.phone}/inbox`);
    assert.equal(inbox.filter((m) => m.text === 'idempotent once').length, 1, 'one message at the contact');
  });
});

// /metrics gauges read from the database, on both dialects: sessions by status, pending webhook
// deliveries and the send queue depth, across accounts (the operator's view).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { createTestApp, forEachDialect, type TestApp } from '../support/harness.js';

function gauge(text: string, name: string, labels = ''): number {
  const line = text.split('\n').find((l) => l.startsWith(`${name}${labels} `));
  return line ? Number(line.split(' ')[1]) : 0;
}

forEachDialect((dialect) => {
  let t: TestApp;
  before(async () => {
    t = await createTestApp({ dialect, env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
  });
  after(() => t.close());

  test('sessions by status, pending deliveries and queue depth count every account', async () => {
    const scrape = async () => (await t.raw('GET', '/metrics', null)).body;
    const before = await scrape();
    const a = await t.createAccount();
    const b = await t.createAccount();
    await t.request(a.token, 'POST', '/v1/sessions', { name: 'one' });
    await t.request(b.token, 'POST', '/v1/sessions', { name: 'two' });
    const gone = (await t.request(b.token, 'POST', '/v1/sessions', { name: 'gone' })).body.session.id;
    await t.request(b.token, 'DELETE', `/v1/sessions/${gone}`);
    await t.idle();
    // The dispatcher is not started here, so the test event's delivery stays pending.
    const hook = (await t.request(a.token, 'POST', '/v1/webhooks', { url: 'http://127.0.0.1:9/hook' })).body.webhook;
    assert.equal((await t.request(a.token, 'POST', `/v1/webhooks/${hook.id}/test`)).statusCode, 202);

    const after = await scrape();
    assert.equal(
      gauge(after, 'wagate_sessions', '{status="disconnected"}') -
        gauge(before, 'wagate_sessions', '{status="disconnected"}'),
      2,
    );
    assert.equal(gauge(after, 'wagate_sessions', '{status="deleted"}'), 0, 'deleted sessions are not counted');
    assert.equal(
      gauge(after, 'wagate_webhook_pending_deliveries') - gauge(before, 'wagate_webhook_pending_deliveries'),
      1,
    );
    assert.equal(gauge(after, 'wagate_send_queue_depth'), 0);
  });
});

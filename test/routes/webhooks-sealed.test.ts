// Webhook signing secrets are sealed at rest with WAGATE_MASTER_KEY (like the engine's auth state),
// and deliveries still sign with the real secret.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import Database from 'better-sqlite3';
import { Webhook } from 'standardwebhooks';
import { createTestApp, type TestApp } from '../support/harness.js';
import { startReceiver, type Receiver } from '../support/receiver.js';

let t: TestApp;
let receiver: Receiver;

before(async () => {
  t = await createTestApp({
    dialect: 'sqlite',
    env: { WAGATE_MASTER_KEY: 'webhook-secrets-master-key-0123456789abcdef', WAGATE_ALLOW_PRIVATE_URLS: '1' },
  });
  t.container.webhooks.start();
  receiver = await startReceiver();
});
after(async () => {
  await t.close();
  await receiver.close();
});

test('the secret is sealed in the database; the delivery verifies with the secret shown at creation', async () => {
  const { token } = await t.createAccount();
  const created = await t.request(token, 'POST', '/v1/webhooks', {
    url: receiver.url,
    secret: 'whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw',
  });
  assert.equal(created.statusCode, 201, JSON.stringify(created.body));
  const id: string = created.body.webhook.id;

  const file = t.config.database.kind === 'sqlite' ? t.config.database.file : '';
  const raw = new Database(file, { readonly: true });
  try {
    const row = raw.prepare('select secret from webhook_subscriptions where id = ?').get(id) as { secret: string };
    assert.match(row.secret, /^sealed:v1:/);
    assert.ok(!row.secret.includes('MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw'));
  } finally {
    raw.close();
  }

  const test = await t.request(token, 'POST', `/v1/webhooks/${id}/test`);
  assert.ok(test.statusCode < 300, JSON.stringify(test.body));
  await receiver.waitFor((rs) => rs.some((r) => r.status === 200));
  const delivery = receiver.requests.find((r) => r.status === 200)!;
  new Webhook('whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw').verify(
    delivery.body,
    delivery.headers as Record<string, string>,
  );
});

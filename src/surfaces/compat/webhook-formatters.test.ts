import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { test } from 'node:test';
import { Webhook } from 'standardwebhooks';
import type { DomainEvent } from '../../core/events/index.js';
import { createFormatters } from '../../core/webhooks/formatters/index.js';
import type { WebhookSubscription } from '../../core/webhooks/webhook.types.js';
import { generateSecret } from '../../core/webhooks/webhook.service.js';
import { compatWebhookFormatters } from './index.js';

/** The formatters the app wires: /v1's plus the compatibility surfaces'. */
const defaultFormatters = () => createFormatters(compatWebhookFormatters());

const event: DomainEvent = {
  id: 'evt_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f',
  type: 'session.status',
  account_id: 'acc_1',
  session_id: 'ses_1',
  created_at: '2025-01-01T00:00:00.000Z',
  payload: { status: 'connected', previous_status: 'connecting' },
};
const sub = (secret: string, format: string): WebhookSubscription => ({
  id: 'whk_1',
  account_id: 'acc_1',
  session_id: null,
  url: 'http://x',
  secret,
  events: [],
  enabled: true,
  format,
  description: null,
  created_at: '',
  updated_at: '',
});

test('standard: verifies with the standardwebhooks library, webhook-id is the event id', async () => {
  const secret = generateSecret();
  const now = new Date();
  const { body, headers } = await defaultFormatters().get('standard')!.format(event, sub(secret, 'standard'), now);
  assert.equal(headers['webhook-id'], event.id);
  const parsed = new Webhook(secret).verify(body, headers) as { type: string; data: unknown };
  assert.equal(parsed.type, 'session.status');
  assert.deepEqual(parsed.data, event.payload);
  assert.throws(() => new Webhook(generateSecret()).verify(body, headers));
});

test('standard: a non-whsec secret signs with its raw bytes', async () => {
  const { body, headers } = await defaultFormatters()
    .get('standard')!
    .format(event, sub('my-own-secret-1234', 'standard'), new Date());
  assert.doesNotThrow(() => new Webhook('my-own-secret-1234', { format: 'raw' }).verify(body, headers));
});

test('wasender: secret in X-Webhook-Signature; wapio: t=,v1= HMAC; wwebjs: x-api-key', async () => {
  const f = defaultFormatters();
  const w = await f.get('wasender')!.format(event, sub('s3cr3t-s3cr3t-16', 'wasender'), new Date());
  assert.equal(w.headers['x-webhook-signature'], 's3cr3t-s3cr3t-16');
  assert.equal((JSON.parse(w.body) as { event: string }).event, 'session.status');

  const at = new Date('2025-01-01T00:00:10Z');
  const p = await f.get('wapio')!.format(event, sub('s3cr3t-s3cr3t-16', 'wapio'), at);
  const t = Math.floor(at.getTime() / 1000);
  const v1 = createHmac('sha256', 's3cr3t-s3cr3t-16').update(`${t}.${p.body}`).digest('hex');
  assert.equal(p.headers['x-webhook-signature'], `t=${t},v1=${v1}`);

  const e = await f.get('wwebjs')!.format(event, sub('key-key-key-key-1', 'wwebjs'), new Date());
  assert.equal(e.headers['x-api-key'], 'key-key-key-key-1');
  assert.equal((JSON.parse(e.body) as { dataType: string }).dataType, 'ready'); // connected: whatsapp-web.js's ready
});

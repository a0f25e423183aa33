// The port of Wapio's SDK verifier passes the SDK's own webhook tests (tests/ClientTest.php @ 2346efc),
// so verifying wagate's deliveries with it is verifying them as the SDK does.
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { computeSignature, constructEvent, eventType, parseSignatureHeader, verifySignature } from './sdk-webhook.js';

test('test_webhook_signature_verification_and_parsing', () => {
  const body = '{"type":"message.received","data":{"message_id":"bps_msg_x"}}';
  const timestamp = Math.floor(Date.now() / 1000);
  const signature = computeSignature('whsec_test', timestamp, body);
  const event = constructEvent('whsec_test', `t=${timestamp},v1=${signature}`, body);
  assert.equal(event['type'], 'message.received');
  assert.equal(eventType(event), 'message.received');
});

test('test_webhook_signature_rejects_invalid_signature', () => {
  assert.throws(() => verifySignature('whsec_test', `t=${Math.floor(Date.now() / 1000)},v1=bad`, '{}'), {
    name: 'Error',
    message: 'Invalid Wapio webhook signature.',
  });
});

test('header parsing as the SDK: spaces trimmed, t digits only, v1 non-empty', () => {
  assert.deepEqual(parseSignatureHeader(' t=12 , v1=ab '), { timestamp: 12, signature: 'ab' });
  assert.throws(() => parseSignatureHeader('t=-1,v1=ab'), /header/);
  assert.throws(() => parseSignatureHeader('t=1,v1='), /header/);
  assert.throws(() => verifySignature('s', `t=1,v1=${computeSignature('s', 1, 'x')}`, 'x'), /tolerance/);
  assert.equal(verifySignature('s', `t=1,v1=${computeSignature('s', 1, 'x')}`, 'x', 0), true);
});

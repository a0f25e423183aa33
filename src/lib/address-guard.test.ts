import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOutboundUrl, guardedLookup, isPrivateAddress } from './address-guard.js';

test('private, loopback, link-local and mapped addresses are private; public ones are not', () => {
  for (const a of ['127.0.0.1', '10.1.2.3', '172.16.0.1', '172.31.255.255', '192.168.1.1', '169.254.169.254', '100.64.0.1', '0.0.0.0', '::1', '::', 'fe80::1', 'fd00::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '::ffff:10.0.0.1', '[::1]', 'not-an-ip']) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  for (const a of ['8.8.8.8', '1.1.1.1', '172.32.0.1', '2606:4700:4700::1111', '::ffff:8.8.8.8']) {
    assert.equal(isPrivateAddress(a), false, a);
  }
});

test('checkOutboundUrl refuses private hosts unless allowed, and non-http schemes always', async () => {
  assert.deepEqual((await checkOutboundUrl('http://127.0.0.1:8080/x', false)).ok, false);
  assert.equal((await checkOutboundUrl('http://[::1]/x', false)).ok, false);
  assert.equal((await checkOutboundUrl('http://localhost/x', false)).ok, false);
  assert.equal((await checkOutboundUrl('http://127.0.0.1:8080/x', true)).ok, true);
  assert.equal((await checkOutboundUrl('http://8.8.8.8/x', false)).ok, true);
  const ftp = await checkOutboundUrl('ftp://8.8.8.8/x', true);
  assert.equal(ftp.ok, false);
  assert.equal(ftp.ok === false && ftp.reason, 'scheme');
  assert.equal((await checkOutboundUrl('not a url', true)).ok, false);
});

test('guardedLookup fails a name that resolves to loopback', async () => {
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) => guardedLookup('localhost', {}, (e) => resolve(e)));
  assert.ok(err);
  assert.match(String(err?.message), /private or local/);
});

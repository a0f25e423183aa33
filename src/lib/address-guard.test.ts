import assert from 'node:assert/strict';
import { test } from 'node:test';
import { checkOutboundUrl, guardedLookup, isPrivateAddress } from './address-guard.js';

test('private, loopback, link-local and mapped addresses are private; public ones are not', () => {
  for (const a of [
    '127.0.0.1',
    '10.1.2.3',
    '172.16.0.1',
    '172.31.255.255',
    '192.168.1.1',
    '169.254.169.254',
    '100.64.0.1',
    '0.0.0.0',
    '::1',
    '::',
    'fe80::1',
    'fd00::1',
    '::ffff:127.0.0.1',
    '::ffff:7f00:1',
    '::ffff:10.0.0.1',
    '[::1]',
    'not-an-ip',
  ]) {
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
  // (A public literal passes: that is isPrivateAddress above; no test names a non-loopback URL.)
  const ftp = await checkOutboundUrl('ftp://127.0.0.1/x', true);
  assert.equal(ftp.ok, false);
  assert.equal(ftp.ok === false && ftp.reason, 'scheme');
  assert.equal((await checkOutboundUrl('not a url', true)).ok, false);
});

test('guardedLookup fails a name that resolves to loopback', async () => {
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
    guardedLookup('localhost', {}, (e) => resolve(e)),
  );
  assert.ok(err);
  assert.match(String(err?.message), /private or local/);
});

test('IPv6 forms that embed or relay to IPv4, and 192.88.99.0/24, are private in every spelling', () => {
  for (const a of [
    '::7f00:1',
    '::127.0.0.1',
    '0:0:0:0:0:0:7f00:1',
    '::ffff:7f00:1',
    '0:0:0:0:0:ffff:127.0.0.1',
    '::ffff:0:7f00:1',
    '64:ff9b::7f00:1',
    '64:ff9b::127.0.0.1',
    '64:ff9b:0:0:0:0:a00:1',
    '64:ff9b:1::808:808',
    '2002:7f00:1::',
    '2002:808:808::1',
    '2001::1',
    '2001:0:4136:e378::1',
    '100::1',
    '100::ffff:1',
    '192.88.99.1',
    '[::ffff:169.254.169.254]',
    '::ffff:a9fe:a9fe',
    'fe80::1%eth0',
  ]) {
    assert.equal(isPrivateAddress(a), true, a);
  }
  // Public IPv4 through the NAT64 well-known prefix or mapped stays reachable; ordinary IPv6 too.
  for (const a of ['64:ff9b::808:808', '::ffff:808:808', '2001:4860:4860::8888', '2606:4700::1111'])
    assert.equal(isPrivateAddress(a), false, a);
});

test('a refused name does not reveal what it resolved to', async () => {
  const check = await checkOutboundUrl('http://localhost.:8080/x', false);
  assert.equal(check.ok, false);
  assert.equal(JSON.stringify(check).includes('127.0.0.1'), false);
  const err = await new Promise<NodeJS.ErrnoException | null>((resolve) =>
    guardedLookup('localhost', {}, (e) => resolve(e)),
  );
  assert.equal(String(err?.message).includes('127.0.0.1') || String(err?.message).includes('::1'), false);
});

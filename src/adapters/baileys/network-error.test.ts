import assert from 'node:assert/strict';
import { test } from 'node:test';
import { networkErrorCode } from './to-core.js';

test('the network error code under a Baileys close: Node errno codes and TLS errors only', () => {
  assert.equal(
    networkErrorCode(Object.assign(new Error('getaddrinfo ENOTFOUND web.whatsapp.com'), { code: 'ENOTFOUND' })),
    'ENOTFOUND',
  );
  assert.equal(networkErrorCode({ code: 'ECONNREFUSED' }), 'ECONNREFUSED');
  assert.equal(networkErrorCode({ code: 'ERR_TLS_CERT_ALTNAME_INVALID' }), 'ERR_TLS_CERT_ALTNAME_INVALID');
  assert.equal(networkErrorCode({ code: 'SELF_SIGNED_CERT_IN_CHAIN' }), 'SELF_SIGNED_CERT_IN_CHAIN');
  assert.equal(networkErrorCode(undefined), null);
  assert.equal(networkErrorCode({ code: 515 }), null);
  assert.equal(networkErrorCode({ code: 'ERR_STREAM_DESTROYED' }), null);
});

import assert from 'node:assert/strict';
import { test } from 'node:test';
import { proxyErrorCode } from './session-network.js';

test('proxy errors: credentials refused, proxy unreachable, anything else is not the proxy', () => {
  assert.equal(proxyErrorCode(new Error('Unexpected server response: 407')), 'PROXY_AUTH_FAILED');
  assert.equal(proxyErrorCode(new Error('Socks5 Authentication failed')), 'PROXY_AUTH_FAILED');
  assert.equal(proxyErrorCode(Object.assign(new Error('connect'), { code: 'ECONNREFUSED' })), 'PROXY_UNREACHABLE');
  assert.equal(proxyErrorCode(new Error('connect ECONNREFUSED 127.0.0.1:9')), 'PROXY_UNREACHABLE');
  assert.equal(proxyErrorCode(new Error('Unexpected server response: 502')), 'PROXY_UNREACHABLE');
  assert.equal(proxyErrorCode(new Error('Proxy connection timed out')), 'PROXY_UNREACHABLE');
  assert.equal(proxyErrorCode(new Error('Connection Closed')), null);
  assert.equal(proxyErrorCode(undefined), null);
});

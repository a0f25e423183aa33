import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskProxyUrl, proxyUrlToStore } from './proxy-url.js';

test('the password is masked; a URL without one is shown as it is', () => {
  assert.equal(maskProxyUrl('socks5://user:p%40ss@127.0.0.1:1080'), 'socks5://user:****@127.0.0.1:1080');
  assert.equal(maskProxyUrl('http://127.0.0.1:8080'), 'http://127.0.0.1:8080');
  assert.equal(maskProxyUrl('not a url'), 'not a url');
});

test('the masked form sent back keeps the stored URL; anything else replaces it', () => {
  const stored = 'http://u:secret@127.0.0.1:3128';
  assert.equal(proxyUrlToStore('http://u:****@127.0.0.1:3128', stored), stored);
  assert.equal(proxyUrlToStore('http://u:new@127.0.0.1:3128', stored), 'http://u:new@127.0.0.1:3128');
  assert.equal(proxyUrlToStore(null, stored), null);
  assert.equal(proxyUrlToStore(undefined, stored), undefined);
});

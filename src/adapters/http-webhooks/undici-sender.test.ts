import assert from 'node:assert/strict';
import { hostname } from 'node:os';
import { after, before, test } from 'node:test';
import { startReceiver, type Receiver } from '../../../test/support/receiver.js';
import { UndiciWebhookSender } from './undici-sender.js';

let rx: Receiver;
before(async () => {
  rx = await startReceiver();
});
after(() => rx.close());

const req = (url: string) => ({ url, headers: { 'content-type': 'application/json' }, body: '{"a":1}' });

test('without the allow flag, loopback is refused both as an IP literal and after DNS resolution', async () => {
  const sender = new UndiciWebhookSender({ timeoutMs: 2_000, connectionsPerOrigin: 2, allowPrivateUrls: false });
  try {
    const literal = await sender.send(req(rx.url));
    assert.equal(literal.ok, false);
    assert.match(String(literal.error), /PRIVATE_ADDRESS/);
    const named = await sender.send(req(`http://localhost:${rx.port}/hook`));
    assert.equal(named.ok, false);
    // The machine's own name resolves (hosts file) to a loopback or private address: refused at
    // connect time by the guarded DNS lookup, not by a name check.
    const viaName = await sender.send(req(`http://${hostname()}:${rx.port}/hook`));
    assert.equal(viaName.ok, false);
    assert.match(String(viaName.error), /private or local/);
    assert.equal(rx.requests.length, 0);
  } finally {
    await sender.close();
  }
});

test('with the flag: status, latency and a snippet of the answer are reported; non-2xx is a failure', async () => {
  const sender = new UndiciWebhookSender({ timeoutMs: 2_000, connectionsPerOrigin: 2, allowPrivateUrls: true });
  const slowSender = new UndiciWebhookSender({ timeoutMs: 100, connectionsPerOrigin: 1, allowPrivateUrls: true });
  try {
    const ok = await sender.send(req(rx.url));
    assert.deepEqual([ok.ok, ok.statusCode, ok.responseSnippet, ok.error], [true, 200, 'ok', null]);
    assert.ok(ok.latencyMs >= 0);
    rx.failNext(1, 503);
    const bad = await sender.send(req(rx.url));
    assert.deepEqual([bad.ok, bad.statusCode, bad.error], [false, 503, 'HTTP 503']);
    rx.setDelay(500);
    const slow = await slowSender.send(req(rx.url));
    assert.equal(slow.ok, false);
    assert.equal(slow.statusCode, null);
    rx.setDelay(0);
    await rx.down();
    const refused = await sender.send(req(rx.url));
    assert.equal(refused.ok, false);
    assert.match(String(refused.error), /ECONNREFUSED/);
    await rx.up();
  } finally {
    await sender.close();
    await slowSender.close();
  }
});

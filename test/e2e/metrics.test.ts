// /metrics end to end: a linked session sends a text to a simulated contact, which reads it; a
// webhook subscription delivers to a local receiver. The exposition parses as Prometheus text and
// its counters and histograms move by what actually happened. Then who may read it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { createTestApp } from '../support/harness.js';
import { useLinkedSession, waitFor } from '../support/sim.js';

interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

/**
 * A strict reader of the Prometheus text format (0.0.4): every line is a comment or a sample. NaN is
 * matched case-insensitively as Prometheus' own parser does (prom-client writes `Nan`).
 */
function parsePrometheus(text: string): { samples: Sample[]; types: Map<string, string> } {
  const samples: Sample[] = [];
  const types = new Map<string, string>();
  for (const line of text.split('\n')) {
    if (line === '') continue;
    const type = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (counter|gauge|histogram|summary|untyped)$/.exec(line);
    if (type) {
      types.set(type[1]!, type[2]!);
      continue;
    }
    if (/^# HELP [a-zA-Z_:][a-zA-Z0-9_:]* .*$/.test(line)) continue;
    const m = /^([a-zA-Z_:][a-zA-Z0-9_:]*)(?:\{(.*)\})? (-?[0-9.eE+-]+|[Nn]a[Nn]|[+-]Inf)(?: -?\d+)?$/.exec(line);
    assert.ok(m, `not a Prometheus sample line: ${JSON.stringify(line)}`);
    const labels: Record<string, string> = {};
    for (const pair of (m[2] ?? '').matchAll(/([a-zA-Z_][a-zA-Z0-9_]*)="((?:[^"\\]|\\.)*)"/g))
      labels[pair[1]!] = pair[2]!;
    samples.push({ name: m[1]!, labels, value: Number(m[3]) });
  }
  return { samples, types };
}

function value(samples: Sample[], name: string, labels: Record<string, string> = {}): number {
  const hit = samples.filter((s) => s.name === name && Object.entries(labels).every(([k, v]) => s.labels[k] === v));
  return hit.reduce((sum, s) => sum + s.value, 0);
}

describe('/metrics', () => {
  const ctx = useLinkedSession({
    names: ['Metrics Me', 'Metrics Contact'],
    env: { WAGATE_ALLOW_PRIVATE_URLS: '1', WAGATE_WEBHOOK_RETRY_BASE: '50ms' },
  });
  let rx: Receiver;
  before(async () => {
    rx = await startReceiver();
  });
  after(() => rx.close());

  const scrape = async () => {
    const res = await ctx.t.raw('GET', '/metrics', null);
    assert.equal(res.statusCode, 200, res.body);
    assert.match(String(res.headers['content-type']), /^text\/plain; version=0\.0\.4/);
    return parsePrometheus(res.body);
  };

  test('parses as Prometheus text; messages, send latency, webhooks and sessions move when a message flows', async () => {
    const { t, token, sim, sessionId, contact } = ctx;
    t.container.webhooks.start();
    const hook = await t.request(token, 'POST', '/v1/webhooks', { url: rx.url, events: ['messages.*'] });
    assert.equal(hook.statusCode, 201);

    const before = await scrape();
    for (const name of [
      'wagate_messages_total',
      'wagate_engine_reconnects_total',
      'wagate_webhook_attempts_total',
      'wagate_http_requests_total',
    ]) {
      assert.equal(before.types.get(name), 'counter', name);
    }
    assert.equal(before.types.get('wagate_send_latency_seconds'), 'histogram');
    assert.equal(before.types.get('wagate_webhook_latency_seconds'), 'histogram');
    assert.equal(before.types.get('wagate_sessions'), 'gauge');
    assert.equal(before.types.get('wagate_send_queue_depth'), 'gauge');
    assert.ok(before.types.has('nodejs_eventloop_lag_seconds'), 'event loop lag is exported');
    assert.ok(
      value(before.samples, 'wagate_sessions', { status: 'connected' }) >= 1,
      'the linked session is counted as connected',
    );

    const sent = await t.request(token, 'POST', `/v1/sessions/${sessionId}/messages`, {
      to: `+${contact.phone}`,
      text: 'count me',
    });
    assert.equal(sent.statusCode, 202);
    const item = await waitFor('the contact to get the text', async () => {
      const inbox = await sim.control<Array<{ id: string; text?: string }>>(
        'GET',
        `/sim/accounts/${contact.phone}/inbox`,
      );
      return inbox.find((m) => m.text === 'count me');
    });
    await sim.control('POST', `/sim/accounts/${contact.phone}/receipts`, { id: item.id, type: 'read' });
    await waitFor(
      'status read',
      async () =>
        (await t.request(token, 'GET', `/v1/messages/${sent.body.message.id}`)).body.message.status === 'read',
    );
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: ctx.me.phone, text: 'a reply' });
    await waitFor(
      'the reply',
      async () =>
        (await t.request(token, 'GET', `/v1/sessions/${sessionId}/messages?direction=in`)).body.data.length > 0,
    );
    await rx.waitFor((reqs) => reqs.length >= 3);

    const after = await waitFor('webhook attempts to be counted', async () => {
      const s = await scrape();
      return value(s.samples, 'wagate_webhook_attempts_total', { outcome: 'ok' }) -
        value(before.samples, 'wagate_webhook_attempts_total', { outcome: 'ok' }) >=
        3
        ? s
        : undefined;
    });
    const delta = (name: string, labels: Record<string, string> = {}) =>
      value(after.samples, name, labels) - value(before.samples, name, labels);
    assert.equal(delta('wagate_messages_total', { status: 'sent' }), 1);
    assert.equal(delta('wagate_messages_total', { status: 'read' }), 1);
    assert.equal(delta('wagate_messages_total', { status: 'received' }), 1);
    assert.equal(delta('wagate_send_latency_seconds_count'), 1, 'one send was timed');
    const latency = delta('wagate_send_latency_seconds_sum');
    assert.ok(latency > 0 && latency < 60, `send latency ${latency}s is plausible`);
    assert.equal(delta('wagate_webhook_failures_total'), 0);
    assert.ok(delta('wagate_webhook_latency_seconds_count') >= 3);
    assert.equal(value(after.samples, 'wagate_send_queue_depth'), 0, 'nothing is left queued');
    assert.ok(
      delta('wagate_http_requests_total', { method: 'POST', route: '/v1/sessions/:id/messages', status: '202' }) === 1,
      'HTTP requests are labelled by route',
    );

    // A failing receiver counts as failures.
    rx.failNext(1, 500);
    await sim.control('POST', `/sim/accounts/${contact.phone}/messages`, { to: ctx.me.phone, text: 'another' });
    await waitFor(
      'a failed attempt to be counted',
      async () => value((await scrape()).samples, 'wagate_webhook_failures_total') >= 1,
    );
    const failed = await scrape();
    assert.ok(value(failed.samples, 'wagate_webhook_attempts_total', { outcome: 'non_2xx' }) >= 1);
  });

  test('an engine drop is counted as a reconnect', async () => {
    const { t, token, sim, sessionId } = ctx;
    const before = value((await scrape()).samples, 'wagate_engine_reconnects_total');
    await sim.restart();
    await waitFor(
      'the reconnect to be counted',
      async () => value((await scrape()).samples, 'wagate_engine_reconnects_total') > before,
      30_000,
    );
    await waitFor(
      'connected again',
      async () => (await t.request(token, 'GET', `/v1/sessions/${sessionId}`)).body.session.status === 'connected',
      30_000,
    );
  });
});

describe('/metrics access', () => {
  test('with WAGATE_METRICS_TOKEN: that bearer token only (not an API token, not none)', async () => {
    const t = await createTestApp({ env: { WAGATE_METRICS_TOKEN: 'metrics-secret-0123456789' } });
    try {
      const { token } = await t.createAccount();
      assert.equal((await t.raw('GET', '/metrics', null)).statusCode, 401);
      assert.equal((await t.raw('GET', '/metrics', token)).statusCode, 401, 'a PAT does not open whole-server metrics');
      assert.equal((await t.raw('GET', '/metrics', 'metrics-secret-012345678')).statusCode, 401);
      const ok = await t.raw('GET', '/metrics', 'metrics-secret-0123456789');
      assert.equal(ok.statusCode, 200);
      assert.match(ok.body, /# TYPE wagate_sessions gauge/);
    } finally {
      await t.close();
    }
  });

  test('without a token: 403 METRICS_TOKEN_REQUIRED on a non-loopback listener or through a proxy', async () => {
    const t = await createTestApp({ env: { WAGATE_HOST: '0.0.0.0' } });
    try {
      const res = await t.raw('GET', '/metrics', null);
      assert.equal(res.statusCode, 403);
      assert.equal(res.json().error.code, 'METRICS_TOKEN_REQUIRED');
    } finally {
      await t.close();
    }
    const local = await createTestApp();
    try {
      assert.equal((await local.raw('GET', '/metrics', null)).statusCode, 200);
      const proxied = await local.raw('GET', '/metrics', null, undefined, { 'x-forwarded-for': '127.0.0.9' });
      assert.equal(proxied.statusCode, 403, 'a request forwarded by a reverse proxy is not local');
    } finally {
      await local.close();
    }
  });
});

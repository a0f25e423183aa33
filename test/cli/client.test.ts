// The terminal client: the real `wagate` process against a real server (listening on loopback) and
// the simulator. `sessions link` draws the QR in the terminal until a simulated phone scans it;
// send, sessions, tokens and webhooks work through the public API, with --json for scripts.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { runCli, spawnCli, stop, waitForOutput } from '../support/cli.js';
import { startReceiver, type Receiver } from '../support/receiver.js';
import { testPhone, useSimApp, waitFor } from '../support/sim.js';

describe('wagate client commands', () => {
  const ctx = useSimApp({ env: { WAGATE_ALLOW_PRIVATE_URLS: '1' } });
  let url = '';
  let rx: Receiver;
  const env = () => ({ WAGATE_URL: url, WAGATE_TOKEN: ctx.token });
  before(async () => {
    await ctx.t.app.listen({ host: '127.0.0.1', port: 0 });
    const address = ctx.t.app.server.address();
    url = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    rx = await startReceiver();
    ctx.t.container.webhooks.start();
  });
  after(() => rx.close());

  test('sessions link draws the QR in the terminal, the phone scans it, it ends connected', async () => {
    const me = await ctx.sim.account(testPhone(), 'CLI Me');
    const child = spawnCli(['sessions', 'link', 'cli-demo'], env());
    try {
      const drawn = await waitForOutput(child, /Scan with WhatsApp/);
      assert.match(drawn, /[▀▄█]/, 'a QR drawn with block characters');
      assert.match(drawn, /created session ses_/);
      const id = (await ctx.t.request(ctx.token, 'GET', '/v1/sessions/cli-demo')).body.session.id;
      const { qr } = (await ctx.t.request(ctx.token, 'GET', `/v1/sessions/${id}/qr`)).body;
      await ctx.sim.control('POST', `/sim/accounts/${me.phone}/link`, { qr });
      await waitForOutput(child, /connected: cli-demo as \+/, 30_000);
      const code = await new Promise((r) => (child.exitCode !== null ? r(child.exitCode) : child.once('exit', r)));
      assert.equal(code, 0);
    } finally {
      await stop(child);
    }
  });

  test('sessions link --json prints one event per line: created, status, qr, connected', async () => {
    const phone = await ctx.sim.account(testPhone(), 'CLI Json');
    const child = spawnCli(['sessions', 'link', 'cli-json', '--json'], env());
    try {
      const text = await waitForOutput(child, /"event":"qr"/);
      const events = text
        .split('\n')
        .filter((l) => l.startsWith('{'))
        .map((l) => JSON.parse(l) as { event: string; qr?: string });
      assert.equal(events[0]?.event, 'created');
      const qr = events.find((e) => e.event === 'qr')?.qr;
      assert.ok(qr);
      await ctx.sim.control('POST', `/sim/accounts/${phone.phone}/link`, { qr });
      const done = await waitForOutput(child, /"event":"connected"/, 30_000);
      const last = JSON.parse(
        done
          .trim()
          .split('\n')
          .filter((l) => l.startsWith('{'))
          .pop()!,
      );
      assert.equal(last.session.status, 'connected');
    } finally {
      await stop(child);
    }
    // Leave one linked session for the tests below.
    await ctx.t.request(ctx.token, 'DELETE', '/v1/sessions/cli-json');
    await ctx.t.idle();
  });

  test('sessions list/status --json, and send --wait: the contact gets the text', async () => {
    const list = await runCli(['sessions', 'list', '--json'], env());
    assert.equal(list.code, 0, list.stderr);
    assert.deepEqual(
      JSON.parse(list.stdout).data.map((s: { name: string }) => s.name),
      ['cli-demo'],
    );
    const status = await runCli(['sessions', 'status', 'cli-demo'], env());
    assert.match(status.stdout, /status\s+connected/);

    const contact = await ctx.sim.account(testPhone(), 'CLI Contact');
    const sent = await runCli(
      ['send', 'cli-demo', '--to', `+${contact.phone}`, '--text', 'hello from the terminal', '--wait', '--json'],
      env(),
    );
    assert.equal(sent.code, 0, sent.stderr);
    const message = JSON.parse(sent.stdout).message;
    assert.ok(['sent', 'delivered', 'read'].includes(message.status), message.status);
    await waitFor('the contact to get it', async () => {
      const inbox = await ctx.sim.control<Array<{ text?: string }>>('GET', `/sim/accounts/${contact.phone}/inbox`);
      return inbox.some((m) => m.text === 'hello from the terminal');
    });
    const bad = await runCli(['send', 'cli-demo', '--to', `+${contact.phone}`], env());
    assert.equal(bad.code, 2);
    assert.match(bad.stderr, /exactly one of --text/);
  });

  test('tokens create/list/revoke; a revoked token is refused with a clear error', async () => {
    const created = await runCli(['tokens', 'create', '--name', 'from-cli', '--json'], env());
    assert.equal(created.code, 0, created.stderr);
    const token = JSON.parse(created.stdout).token;
    assert.match(token.token, /^wg_pat_/);
    const list = await runCli(['tokens', 'list'], env());
    assert.match(list.stdout, /from-cli/);
    assert.match(list.stdout, /\(this token\)/);
    assert.ok(!list.stdout.includes(token.token));
    const revoked = await runCli(['tokens', 'revoke', token.id], env());
    assert.equal(revoked.code, 0, revoked.stderr);
    const refused = await runCli(['sessions', 'list'], { WAGATE_URL: url, WAGATE_TOKEN: token.token });
    assert.equal(refused.code, 1);
    assert.match(refused.stderr, /UNAUTHORIZED/);
  });

  test('webhooks list, test and replay reach the receiver', async () => {
    const hook = (await ctx.t.request(ctx.token, 'POST', '/v1/webhooks', { url: rx.url, events: ['webhook.test'] }))
      .body.webhook;
    const list = await runCli(['webhooks', 'list', '--json'], env());
    assert.equal(list.code, 0, list.stderr);
    assert.ok(JSON.parse(list.stdout).data.some((w: { id: string }) => w.id === hook.id));
    const tested = await runCli(['webhooks', 'test', hook.id, '--json'], env());
    assert.equal(tested.code, 0, tested.stderr);
    const eventId = JSON.parse(tested.stdout).event.id;
    await waitFor('the test event', async () => rx.requests.length >= 1);
    const replayed = await runCli(['webhooks', 'replay', eventId, '--webhook', hook.id], env());
    assert.equal(replayed.code, 0, replayed.stderr);
    assert.match(replayed.stdout, /1 deliveries queued/);
    await waitFor('the replay', async () => rx.requests.length >= 2);
  });

  test('clear errors without a token or a server; --help for every command', async () => {
    const noToken = await runCli(['sessions', 'list'], { WAGATE_URL: url });
    assert.equal(noToken.code, 2);
    assert.match(noToken.stderr, /no API token: pass --token/);
    const noServer = await runCli(['sessions', 'list', '--url', 'http://127.0.0.1:1'], { WAGATE_TOKEN: ctx.token });
    assert.equal(noServer.code, 1);
    assert.match(noServer.stderr, /cannot reach the wagate server at http:\/\/127\.0\.0\.1:1/);
    for (const command of ['sessions', 'send', 'tokens', 'webhooks']) {
      const help = await runCli([command, '--help'], {});
      assert.equal(help.code, 0);
      assert.match(help.stdout, new RegExp(`^Usage: wagate ${command}`));
    }
    const main = await runCli(['--help'], {});
    assert.match(main.stdout, /sessions list\|status\|link\|logout/);
  });
});

// The send pump on a fake clock: pacing, one message in flight until its server ack, a lost
// connection requeues (never fails) and keeps the order, other errors fail only that message.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { ConnectionLostError } from '../../src/core/errors.js';
import { silentLogger } from '../../src/core/ports/logger.js';
import { SendPump } from '../../src/core/runtime/send-pump.js';
import { FakeClock } from '../support/fake-clock.js';
import { ListHost, REF, ScriptedEngine } from './runtime-fakes.js';

function setup(options: { ackTimeoutMs?: number } = {}) {
  const clock = new FakeClock();
  const host = new ListHost();
  const engine = new ScriptedEngine(clock);
  const suspects: Array<{ why: string; at: number }> = [];
  const pump = new SendPump({
    ref: REF,
    host,
    clock,
    logger: silentLogger,
    options: { sendTimeoutMs: 30_000, ackTimeoutMs: options.ackTimeoutMs ?? 4_000 },
    onConnectionSuspect: (why) => suspects.push({ why, at: clock.ms }),
  });
  engine.factory().create({
    sessionId: REF.sessionId,
    onEvent: (e) => void (e.type === 'server_ack' && pump.serverAck(e.waId, e.error)),
  });
  return { clock, host, engine, pump, suspects, t0: clock.ms };
}

describe('send pump', () => {
  test('account protection: each message leaves 5 s after the previous one, oldest first', async () => {
    const { clock, host, engine, pump, t0 } = setup();
    host.policy = { minIntervalMs: 5_000, typing: false, maxInFlight: 1 };
    host.enqueue('a', 'b', 'c', 'd');
    pump.start(engine);
    await clock.advance(16_000);
    assert.deepEqual(
      engine.writes.map((w) => w.text),
      ['a', 'b', 'c', 'd'],
    );
    assert.deepEqual(
      engine.writes.map((w) => w.at - t0),
      [0, 5_000, 10_000, 15_000],
    );
    assert.equal(host.count('sent'), 4);
  });

  test('typing: "typing…" is shown before each message and the spacing counts from its end', async () => {
    const { clock, host, engine, pump, t0 } = setup();
    host.policy = { minIntervalMs: 5_000, typing: true, maxInFlight: 1 };
    host.enqueue('hi', 'there');
    pump.start(engine);
    await clock.advance(20_000);
    // "hi" types for 1 s (the minimum); "there" starts 5 s after "hi" left, then types 1 s.
    assert.deepEqual(
      engine.writes.map((w) => w.at - t0),
      [1_000, 7_000],
    );
  });

  test('a message is sent only on its server ack; the next one waits for the ack when one may be in flight', async () => {
    const { clock, host, engine, pump } = setup();
    engine.ackDelayMs = 1_500;
    host.enqueue('first', 'second');
    pump.start(engine);
    await clock.advance(1_000);
    assert.equal(host.byText('first').status, 'sending', 'written but not acknowledged is not sent');
    assert.equal(engine.writes.length, 1, 'the second waits for the first ack');
    await clock.advance(600);
    assert.equal(host.byText('first').status, 'sent');
    await clock.advance(2_000);
    assert.equal(host.byText('second').status, 'sent');
  });

  test('no ack within ackTimeoutMs: the owner is told the connection may be silent, and the message stays in flight', async () => {
    const { clock, host, engine, pump, suspects, t0 } = setup({ ackTimeoutMs: 4_000 });
    engine.mode = 'frozen';
    host.enqueue('lost in the void', 'behind it');
    pump.start(engine);
    await clock.advance(4_500);
    assert.deepEqual(
      suspects.map((s) => [s.why, s.at - t0]),
      [['unanswered', 4_000]],
    );
    assert.equal(host.byText('lost in the void').status, 'sending');
    assert.equal(host.byText('behind it').status, 'queued');
    // Rebuilt: the pump stops, the unacknowledged message goes back to the queue with its id.
    const waId = host.byText('lost in the void').waId;
    await pump.stop();
    assert.equal(host.byText('lost in the void').status, 'queued');
    engine.mode = 'live';
    pump.start(engine);
    await clock.advance(1_000);
    assert.deepEqual(
      engine.writes.map((w) => w.text),
      ['lost in the void', 'lost in the void', 'behind it'],
    );
    assert.equal(engine.writes[1]!.waId, waId, 'resent with the same WhatsApp id');
    assert.equal(host.count('sent'), 2);
  });

  test('an ack that never comes on a live connection: the message is sent again with the same id after three deadlines', async () => {
    const { clock, host, engine, pump, suspects } = setup({ ackTimeoutMs: 4_000 });
    engine.swallowAcks = 1;
    host.enqueue('unlucky', 'next');
    pump.start(engine);
    await clock.advance(11_000);
    assert.equal(engine.writes.length, 1);
    assert.equal(suspects.length, 2, 'the owner checks the connection at each deadline');
    await clock.advance(1_500);
    assert.deepEqual(
      engine.writes.map((w) => w.text),
      ['unlucky', 'unlucky', 'next'],
    );
    assert.equal(engine.writes[1]!.waId, engine.writes[0]!.waId);
    assert.equal(host.count('sent'), 2);
  });

  test('a lost connection mid-send requeues everything unacknowledged, in order, and fails nothing', async () => {
    const { clock, host, engine, pump, suspects } = setup();
    host.policy = { minIntervalMs: 0, typing: false, maxInFlight: 3 };
    engine.ackDelayMs = 5_000; // acks slower than the sends, so several are in flight
    host.enqueue('m1', 'm2', 'm3', 'm4');
    engine.failNext = [undefined, undefined, Object.assign(new ConnectionLostError('write EPIPE'))];
    pump.start(engine);
    await clock.advance(100);
    assert.deepEqual(
      suspects.map((s) => s.why),
      ['lost'],
    );
    assert.equal(host.count('failed'), 0, 'a connection-level failure never fails a message');
    assert.deepEqual(
      host.messages.map((m) => m.status),
      ['queued', 'queued', 'queued', 'queued'],
    );
    engine.ackDelayMs = 10;
    pump.start(engine);
    await clock.advance(1_000);
    assert.deepEqual(
      host.messages.map((m) => m.status),
      ['sent', 'sent', 'sent', 'sent'],
    );
    assert.deepEqual(
      engine.writes.slice(2).map((w) => w.text),
      ['m1', 'm2', 'm3', 'm4'],
      'resent oldest first',
    );
  });

  test('a send that hangs past sendTimeoutMs counts as a lost connection', async () => {
    const { clock, host, engine, pump, suspects } = setup();
    engine.send = () => new Promise(() => undefined);
    host.enqueue('hangs');
    pump.start(engine);
    await clock.advance(30_500);
    assert.deepEqual(
      suspects.map((s) => s.why),
      ['lost'],
    );
    assert.equal(host.byText('hangs').status, 'queued');
  });

  test('an error that is not about the connection fails that message only, and the queue goes on', async () => {
    const { clock, host, engine, pump } = setup();
    host.enqueue('bad', 'good');
    engine.failNext = [new Error('media upload refused')];
    pump.start(engine);
    await clock.advance(1_000);
    assert.equal(host.byText('bad').status, 'failed');
    assert.equal(host.byText('bad').error, 'media upload refused');
    assert.equal(host.byText('good').status, 'sent');
  });

  test('after stop nothing leaves, and work queued meanwhile leaves on the next start', async () => {
    const { clock, host, engine, pump } = setup();
    pump.start(engine);
    await pump.stop();
    host.enqueue('later');
    pump.kick();
    await clock.advance(1_000);
    assert.equal(engine.writes.length, 0);
    pump.start(engine);
    await clock.advance(1_000);
    assert.equal(host.byText('later').status, 'sent');
  });
});

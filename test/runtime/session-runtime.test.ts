// The connection supervisor on a fake clock: reconnect backoff, the periodic health check, and a
// silent connection found within 10 s of the first unanswered send (default options).
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { silentLogger } from '../../src/core/ports/logger.js';
import { defaultRuntimeOptions, type RuntimeOptions } from '../../src/core/runtime/runtime.types.js';
import { SessionRuntime } from '../../src/core/runtime/session-runtime.js';
import { FakeClock } from '../support/fake-clock.js';
import { ListHost, REF, ScriptedEngine } from './runtime-fakes.js';

async function connected(options: Partial<RuntimeOptions> = {}) {
  const clock = new FakeClock();
  const host = new ListHost();
  const engine = new ScriptedEngine(clock);
  const runtime = new SessionRuntime(REF, 'disconnected', {
    engines: engine.factory(),
    host,
    logger: silentLogger,
    clock,
    options: { ...defaultRuntimeOptions, ...options },
  });
  await runtime.connect();
  engine.open();
  await clock.advance(0);
  assert.equal(runtime.snapshot().status, 'connected');
  return { clock, host, engine, runtime };
}

describe('session runtime (connection supervisor)', () => {
  test('a frozen connection is found and rebuilt within 10 s of the first unanswered send; nothing is lost', async () => {
    const { clock, host, engine, runtime } = await connected();
    engine.mode = 'frozen';
    host.enqueue(...Array.from({ length: 5 }, (_, i) => `frozen ${i}`));
    runtime.kick();
    const sentAt = clock.ms;
    const took = await clock.advanceUntil(() => runtime.snapshot().status !== 'connected', 60_000);
    assert.ok(took <= 10_000, `detected after ${took} ms`);
    assert.equal(engine.writes.length, 1, 'the pump held the queue while the first message was unanswered');
    assert.equal(engine.writes[0]!.at, sentAt);
    assert.equal(runtime.snapshot().status, 'connecting');
    assert.equal(engine.starts, 2, 'the connection was rebuilt at once');
    assert.ok(host.logs.some((l) => l.event === 'health_check_failed'));
    // The new connection carries everything, the unanswered message first with the same id.
    engine.open();
    await clock.advance(1_000);
    assert.equal(host.count('sent'), 5);
    assert.equal(engine.writes[1]!.waId, engine.writes[0]!.waId);
    await runtime.shutdown();
  });

  test('a slow ack on a live connection is not a rebuild', async () => {
    const { clock, host, engine, runtime } = await connected();
    engine.ackDelayMs = 6_000; // past ackTimeoutMs, but pings answer
    host.enqueue('slow');
    runtime.kick();
    await clock.advance(7_000);
    assert.equal(runtime.snapshot().status, 'connected');
    assert.equal(engine.starts, 1);
    assert.equal(host.byText('slow').status, 'sent');
    await runtime.shutdown();
  });

  test('a dropped connection reconnects with growing, jittered backoff and sends what waited', async () => {
    const { clock, host, engine, runtime } = await connected({ reconnectBaseMs: 1_000, reconnectMaxMs: 8_000 });
    const startsAt: number[] = [];
    engine.start = async () => {
      engine.starts++;
      startsAt.push(clock.ms);
      // Each attempt fails to reach the server: the adapter reports a close.
      clock.setTimer(0, () =>
        engine.event({ type: 'close', reason: 'connection_lost', code: 428, message: 'Connection Closed' }),
      );
    };
    engine.mode = 'closed';
    const t0 = clock.ms;
    engine.event({ type: 'close', reason: 'connection_lost', code: 428, message: 'Connection Closed' });
    host.enqueue('after the drop');
    await clock.advance(40_000);
    const gaps = startsAt.map((at, i) => at - (i === 0 ? t0 : startsAt[i - 1]!));
    // Attempt n waits between half and all of min(8 s, 1 s · 2^n).
    const caps = [1_000, 2_000, 4_000, 8_000, 8_000];
    caps.forEach((cap, i) =>
      assert.ok(gaps[i]! >= cap / 2 && gaps[i]! <= cap, `attempt ${i + 1} after ${gaps[i]} ms (cap ${cap})`),
    );
    assert.equal(host.byText('after the drop').status, 'queued', 'nothing leaves while disconnected, nothing fails');
    assert.ok(host.logs.filter((l) => l.event === 'reconnect_scheduled').length >= 5);
    engine.start = async () => {
      engine.starts++;
      clock.setTimer(0, () => engine.open());
    };
    await clock.advance(10_000);
    assert.equal(runtime.snapshot().status, 'connected');
    assert.equal(host.byText('after the drop').status, 'sent');
    await runtime.shutdown();
  });

  test('the periodic health check rebuilds after the configured number of missed pings', async () => {
    const { clock, engine, runtime } = await connected({
      healthIntervalMs: 20_000,
      healthTimeoutMs: 10_000,
      healthFailuresBeforeReconnect: 2,
    });
    engine.mode = 'frozen';
    const took = await clock.advanceUntil(() => runtime.snapshot().status !== 'connected', 120_000, 1_000);
    // Pings at 20 s and 40 s, each failing 10 s later: rebuilt at 50 s.
    assert.ok(took >= 50_000 && took <= 51_000, `rebuilt after ${took} ms`);
    assert.equal(engine.starts, 2);
    await runtime.shutdown();
  });
});

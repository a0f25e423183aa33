// Issue 9, the send path under faults (simulator and wagate as separate processes, a TCP proxy
// between them): connection cuts while messages leave, a frozen connection, and kill -9 of wagate.
// Every message answered 202 must reach the contact exactly once, none may end `failed`.
// `npm run test:faults` runs the full sizes (3 cuts / 300 sends, frozen / 60, kill -9 / 500 × 3);
// `npm test` runs a bounded slice of each.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/sim.js';
import {
  FULL,
  closeRig,
  contactCounts,
  sendMany,
  settle,
  startRig,
  waitForConnected,
  type Rig,
  type Tally,
} from './fault-kit.js';

const SIZES = FULL
  ? { cuts: 300, frozen: 60, kill: 500, killRuns: 3 }
  : { cuts: 90, frozen: 20, kill: 100, killRuns: 1 };

function report(name: string, tally: Tally, extra: Record<string, unknown> = {}): void {
  console.log(`[faults] ${name}: ${JSON.stringify({ ...tally, ...extra })}`);
}

function assertExactlyOnce(tally: Tally): void {
  assert.equal(tally.failed, 0, 'no message failed');
  assert.equal(tally.lost, 0, 'no accepted message lost');
  assert.equal(tally.duplicated, 0, 'no message shown twice at the contact');
  assert.equal(tally.notSent, 0, 'none left queued or in flight');
  assert.equal(tally.delivered, tally.accepted);
}

/** Resolves once at least `n` texts with `prefix` are at the contact (polling), or after `timeoutMs`. */
async function atContact(rig: Rig, prefix: string, n: number, timeoutMs = 60_000): Promise<number> {
  let seen = 0;
  await waitFor(
    `${n} messages at the contact`,
    async () => (seen = (await contactCounts(rig, prefix)).size) >= n,
    timeoutMs,
    50,
  );
  return seen;
}

describe('send path under faults', { concurrency: false }, () => {
  let rig: Rig;
  before(async () => {
    rig = await startRig();
  });
  after(async () => {
    // Signal key material never reaches the process output (libsignal prints sessions on reconnect).
    const leaked = /privKey|rootKey|SessionEntry/.exec(rig?.gw.output ?? '');
    if (leaked) console.log(`[faults] note: the wagate output contains "${leaked[0]}" (issue 9 item 6)`);
    console.log(`[faults] wagate output: ${rig?.gw.logFile}`);
    await closeRig(rig);
  });

  test(`3 connection cuts during ${SIZES.cuts} sends: 0 failed, 0 lost, 0 duplicated`, async () => {
    const prefix = `cut-${Date.now()}`;
    // All accepted first (a session that is reconnecting refuses new sends with 409), then cut
    // three times while the queue drains.
    const accepted = await sendMany(rig, prefix, SIZES.cuts);
    const cutsAt: number[] = [];
    for (let k = 1; k <= 3; k++) {
      await atContact(rig, prefix, Math.floor((k * accepted.size) / 4));
      rig.proxy.cutAll();
      cutsAt.push((await contactCounts(rig, prefix)).size);
      await waitForConnected(rig.gw, rig.sessionId);
    }
    const tally = await settle(rig, prefix, accepted, 120_000);
    report('cuts', tally, { cutsAtDelivered: cutsAt });
    assert.equal(cutsAt.length, 3);
    assert.ok(
      cutsAt.every((n) => n < accepted.size),
      `every cut happened while messages were still leaving (${cutsAt})`,
    );
    assertExactlyOnce(tally);
  });

  test(`a frozen connection during ${SIZES.frozen} sends: detected within 10 s, 0 lost`, async () => {
    const prefix = `frozen-${Date.now()}`;
    const accepted = await sendMany(rig, prefix, SIZES.frozen);
    await atContact(rig, prefix, Math.floor(accepted.size / 3));
    rig.proxy.freezeAll();
    const frozenAt = Date.now();
    const tally = await settle(rig, prefix, accepted, 120_000);
    const logs = await rig.gw.api('GET', `/v1/sessions/${rig.sessionId}/logs?limit=100`);
    const left = (logs.body.data as Array<{ event: string; detail: { to?: string }; created_at: string }>)
      .filter(
        (l) =>
          l.event === 'status_changed' && l.detail.to === 'connecting' && Date.parse(l.created_at) >= frozenAt - 50,
      )
      .map((l) => Date.parse(l.created_at))
      .sort((a, b) => a - b)[0];
    assert.ok(left, 'the session left connected after the freeze');
    const detectedMs = left - frozenAt;
    report('frozen', tally, { detectedMs });
    assert.ok(detectedMs <= 10_000, `the frozen connection was found after ${detectedMs} ms`);
    assertExactlyOnce(tally);
  });

  for (let run = 1; run <= SIZES.killRuns; run++) {
    test(`kill -9 during ${SIZES.kill} sends (run ${run}): every 202 delivered exactly once`, async () => {
      const prefix = `kill${run}-${Date.now()}`;
      const accepted = await sendMany(rig, prefix, SIZES.kill);
      // Killed while the queue drains (a share of it already at the contact, the rest queued or in flight).
      const before = await atContact(rig, prefix, Math.floor(SIZES.kill / 4) + run * 10);
      await rig.gw.kill9();
      await rig.gw.start();
      await waitForConnected(rig.gw, rig.sessionId);
      const tally = await settle(rig, prefix, accepted, 180_000);
      report(`kill -9 run ${run}`, tally, { deliveredBeforeKill: before });
      assert.ok(before < SIZES.kill, 'killed while messages were still leaving');
      assertExactlyOnce(tally);
    });
  }
});

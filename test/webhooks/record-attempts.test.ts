// The store's batched outcome writes: each delivered row keeps the time of its own attempt, even
// when a batch carries several (they used to all get the batch's latest time).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { forEachDialect } from '../support/dialects.js';
import { createPipelineKit, type PipelineKit } from './pipeline-kit.js';

forEachDialect((dialect) => {
  let kit: PipelineKit;
  before(async () => {
    kit = await createPipelineKit(dialect); // the dispatcher is not started: this test claims by hand
  });
  after(() => kit.close());

  test("recordAttempts: delivered_at is each attempt's own time", async () => {
    const acc = await kit.account();
    const [s1, s2] = [await kit.session(acc), await kit.session(acc)];
    const sub = await kit.subscribe(acc, 'http://127.0.0.1:9/unused');
    for (const sid of [s1, s2]) {
      await kit.outbox.appendNow({
        type: 'session.status',
        account_id: acc,
        session_id: sid,
        payload: { status: 'connected', previous_status: null, reason: null },
      });
    }
    const now = new Date();
    const lanes = await kit.store.webhooks.claimDue(now, new Date(now.getTime() + 60_000), 10, () => true, 1);
    const claimed = lanes.flat().filter((d) => d.subscription.id === sub.id);
    assert.equal(claimed.length, 2);
    const times = [new Date('2026-03-01T10:00:00.000Z'), new Date('2026-03-01T10:00:07.000Z')];
    await kit.store.webhooks.recordAttempts(
      claimed.map((d, i) => ({
        deliveryId: d.id,
        attemptedAt: times[i]!,
        statusCode: 200,
        latencyMs: 5,
        error: null,
        responseSnippet: null,
        next: { kind: 'delivered' as const },
      })),
    );
    const rows = await kit.store.webhooks.listDeliveries(acc, sub.id, { limit: 10 });
    const byId = new Map(rows.map((r) => [r.id, r]));
    claimed.forEach((d, i) => {
      assert.equal(byId.get(d.id)?.status, 'delivered');
      assert.equal(byId.get(d.id)?.delivered_at, times[i]!.toISOString());
    });
  });
});

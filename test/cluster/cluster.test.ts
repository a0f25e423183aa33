// Issue 17, cluster mode: three wagate nodes (real processes, built dist/) on one PostgreSQL schema
// and one Redis prefix, the simulator in its own process. Any node answers any call for a session
// held by another (connect, QR, settings, sends); kill -9 of the holder → another node takes the
// session over from the auth state in PostgreSQL (no new link) and every message answered 202 reaches
// the contact exactly once; media uploaded through one node is served by the others.
// `npm run test:cluster` runs the longer variant (cluster-long.test.ts).
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { waitFor } from '../support/sim.js';
import { atContact, distProblem, LocalCluster, sendMany, settle, testPhone } from './cluster-kit.js';

const skip = distProblem() ?? false;

describe('cluster: 3 nodes on PostgreSQL + Redis', { concurrency: false, skip }, () => {
  const cluster = new LocalCluster({ nodes: 3 });
  let sessionId = '';
  let contact = '';
  before(async () => {
    const t0 = Date.now();
    await cluster.start();
    console.log(`[cluster] simulator + 3 nodes up in ${Date.now() - t0} ms`);
  });
  after(async () => {
    console.log(`[cluster] node logs: ${cluster.nodes.map((n) => n.logFile).join(' ')}`);
    await cluster.close();
  });

  test('every node names itself; a session linked through several nodes is held by one, seen by all', async () => {
    for (const node of cluster.nodes) {
      const health = await node.api('GET', '/health');
      assert.equal(health.body.node, node.id);
    }
    ({ sessionId } = await cluster.linkSession('cluster-a'));
    contact = testPhone();
    await cluster.sim.control('POST', '/sim/accounts', { phone: contact, pushName: 'Cluster Contact' });
    const views = await Promise.all(cluster.nodes.map((n) => cluster.session(sessionId, n)));
    const holder = views[0]?.node;
    assert.ok(holder, 'the session has a holder');
    assert.deepEqual(
      views.map((v) => [v.status, v.node]),
      cluster.nodes.map(() => ['connected', holder]),
    );
  });

  test('a command on a node that does not hold the session runs on its holder', async () => {
    const { node: holder } = await cluster.session(sessionId);
    const other = cluster.any(holder ?? undefined);
    // Presence needs the live connection: only the holder has it.
    const res = await other.api('POST', `/v1/sessions/${sessionId}/presence`, { presence: 'available' });
    assert.equal(res.status, 200, JSON.stringify(res.body));
    const me = await other.api('GET', `/v1/sessions/${sessionId}/me`);
    assert.equal(me.status, 200, JSON.stringify(me.body));
  });

  test('media uploaded through one node is served by every node (bytes in PostgreSQL by default)', async () => {
    const [first, ...others] = cluster.nodes;
    assert.ok(first);
    const bytes = Buffer.from(`a file kept in PostgreSQL ${Date.now()}`);
    const up = await first.api('POST', '/v1/media', { base64: bytes.toString('base64'), mimetype: 'text/plain' });
    assert.equal(up.status, 201, JSON.stringify(up.body));
    const path = new URL(up.body.media.url as string).pathname;
    for (const node of others) {
      const res = await fetch(`${node.url}${path}`, { signal: AbortSignal.timeout(20_000) });
      assert.equal(res.status, 200, `${node.id} serves it`);
      assert.deepEqual(Buffer.from(await res.arrayBuffer()), bytes, `${node.id} serves the same bytes`);
    }
  });

  test('kill -9 of the holder while sends leave through every node: taken over, 0 lost, 0 duplicated', async () => {
    const prefix = `cl-${Date.now()}`;
    const total = 60;
    const holder = (await cluster.session(sessionId)).node ?? '';
    const first = await sendMany(cluster, sessionId, contact, prefix, total / 2);
    await waitFor('a share at the contact', async () => (await atContact(cluster, contact, prefix)) >= 5, 30_000, 50);
    const killedAt = Date.now();
    await cluster.node(holder).kill9();
    // Accepted through the survivors during the failover (queued; the new holder sends them).
    const during = await sendMany(cluster, sessionId, contact, `${prefix}b`, total / 2);
    const newHolder = await cluster.waitConnected(sessionId, holder, 30_000);
    const takeoverMs = Date.now() - killedAt;
    const tally = await settle(cluster, sessionId, contact, prefix, first, 60_000);
    const tallyDuring = await settle(cluster, sessionId, contact, `${prefix}b`, during, 60_000);
    console.log(
      `[cluster] kill -9 ${holder} → ${newHolder} in ${takeoverMs} ms: ${JSON.stringify({ tally, tallyDuring })}`,
    );
    assert.notEqual(newHolder, holder);
    for (const t of [tally, tallyDuring]) {
      assert.equal(t.failed, 0, 'no message failed');
      assert.equal(t.lost, 0, 'no accepted message lost');
      assert.equal(t.duplicated, 0, 'no message shown twice');
      assert.equal(t.notSent, 0, 'none left queued or in flight');
      assert.equal(t.delivered, t.accepted);
    }
    assert.equal(first.size + during.size, total, 'every send accepted (retried while the session moved)');
  });
});

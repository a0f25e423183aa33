// bench/cluster-failover: how long a cluster takes to move a dead node's sessions, and what sends
// across the failover become. Three wagate nodes (bin/wagate.js serve, built dist/) in cluster mode
// on the local PostgreSQL (a schema of its own) and Redis (a prefix of its own), the simulator in
// its own process (test/cluster/cluster-kit.ts). N sessions are linked through round-robin nodes;
// then, `--kills` times: every session sends `--messages` texts through every node, the node
// holding the most sessions is killed with SIGKILL once the sends are leaving, and the script
// records for each of its sessions the time from the kill to `connected` on another node (without
// a new link), the reconnects per second while they move, and the sends lost or duplicated at the
// contact. The killed node is started again before the next round, and the others hand sessions
// back to it (rebalancing): the script records the spread over the nodes before each kill and once
// the rebalance settled, how long it took and the reconnects per second while sessions moved.
//
//   npm run bench:cluster [-- --sessions 9 --kills 3 --messages 20 --lease-ttl 3s]
//
// (builds dist/ first). Prints one line per round and a `json:` line with every figure.
import { cpus, loadavg } from 'node:os';
import { parseArgs } from 'node:util';
import {
  atContact,
  distProblem,
  LocalCluster,
  sendMany,
  settle,
  testPhone,
  type Tally,
} from '../test/cluster/cluster-kit.js';
import { waitFor } from '../test/support/sim.js';

const { values } = parseArgs({
  options: {
    sessions: { type: 'string', default: '9' },
    kills: { type: 'string', default: '3' },
    messages: { type: 'string', default: '20' },
    'lease-ttl': { type: 'string', default: '3s' },
    'takeover-concurrency': { type: 'string', default: '4' },
  },
});
const SESSIONS = Number(values.sessions);
const KILLS = Number(values.kills);
const MESSAGES = Number(values.messages);
const problem = distProblem();
if (problem) throw new Error(problem);

console.log(
  `cluster-failover: 3 nodes, ${SESSIONS} sessions, ${KILLS} kills, ${MESSAGES} messages/session/kill, lease TTL ${values['lease-ttl']}; ${cpus().length} × ${cpus()[0]?.model}, Node ${process.version}, load ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')}`,
);

const cluster = new LocalCluster({
  nodes: 3,
  leaseTtl: values['lease-ttl'],
  env: { WAGATE_TAKEOVER_CONCURRENCY: values['takeover-concurrency'] },
});
interface Round {
  killed: string;
  sessionsMoved: number;
  takeoverMs: number[];
  reconnectsPerSecond: number;
  accepted: number;
  lost: number;
  duplicated: number;
  resentSameId: number;
  failed: number;
  /** Sessions per node before the kill, and once the restarted node got its share back. */
  spreadBefore: Record<string, number>;
  spreadAfter: Record<string, number>;
  rebalanceMs: number;
  rebalanceMoved: number;
  rebalanceReconnectsPerSecond: number;
}
const rounds: Round[] = [];

/** Sessions per node (connected ones), and the worst deviation from an even spread (fraction). */
async function spread(sessions: string[]): Promise<{ perNode: Record<string, number>; worst: number; all: boolean }> {
  const perNode: Record<string, number> = Object.fromEntries(cluster.nodes.map((n) => [n.id, 0]));
  let all = true;
  for (const s of sessions) {
    const view = await cluster.session(s);
    if (view.status !== 'connected' || !view.node) all = false;
    else perNode[view.node] = (perNode[view.node] ?? 0) + 1;
  }
  const even = sessions.length / cluster.nodes.length;
  const worst = Math.max(...Object.values(perNode).map((n) => Math.abs(n - even) / even));
  return { perNode, worst, all };
}

try {
  const t0 = Date.now();
  await cluster.start();
  const contact = testPhone();
  await cluster.sim.control('POST', '/sim/accounts', { phone: contact, pushName: 'Bench Contact' });
  const sessions: string[] = [];
  for (let i = 0; i < SESSIONS; i++)
    sessions.push((await cluster.linkSession(`bench-${i}`, cluster.nodes[i % 3])).sessionId);
  console.log(`cluster up and ${SESSIONS} sessions linked in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  for (let k = 1; k <= KILLS; k++) {
    const before = await spread(sessions);
    console.log(
      `spread before kill ${k}: ${JSON.stringify(before.perNode)} (worst ${(before.worst * 100).toFixed(0)} % off even)`,
    );
    const holders = new Map<string, string>();
    for (const s of sessions) holders.set(s, (await cluster.session(s)).node ?? '');
    const counts = new Map<string, number>();
    for (const n of holders.values()) counts.set(n, (counts.get(n) ?? 0) + 1);
    const victimId = [...counts].sort((a, b) => b[1] - a[1])[0]?.[0] ?? '';
    const victim = cluster.node(victimId);
    const moved = sessions.filter((s) => holders.get(s) === victimId);

    const prefix = `bench${k}-${Date.now()}`;
    const sending = Promise.all(
      sessions.map((s, i) => sendMany(cluster, s, contact, `${prefix}-${i}`, MESSAGES, 2, 120_000)),
    );
    const first = sessions.indexOf(moved[0] ?? '');
    await waitFor(
      'sends leaving',
      async () => (await atContact(cluster, contact, `${prefix}-${first}`)) >= 2,
      60_000,
      50,
    );
    const killedAt = Date.now();
    await victim.kill9();
    const takeoverMs = await Promise.all(
      moved.map(async (s) => {
        await cluster.waitConnected(s, victimId, 120_000);
        return Date.now() - killedAt;
      }),
    );
    const accepted = await sending;
    const tallies: Tally[] = [];
    for (let i = 0; i < sessions.length; i++)
      tallies.push(await settle(cluster, sessions[i]!, contact, `${prefix}-${i}`, accepted[i]!, 180_000));
    const sum = (key: 'accepted' | 'lost' | 'duplicated' | 'resentSameId' | 'failed') =>
      tallies.reduce((n, t) => n + t[key], 0);
    const sorted = [...takeoverMs].sort((a, b) => a - b);
    const spreadS = ((sorted.at(-1) ?? 0) - (sorted[0] ?? 0)) / 1000;
    const round: Round = {
      killed: victimId,
      sessionsMoved: moved.length,
      takeoverMs: sorted,
      // Sessions reconnected per second between the first and the last takeover.
      reconnectsPerSecond: spreadS > 0 ? Number((moved.length / spreadS).toFixed(1)) : moved.length,
      accepted: sum('accepted'),
      lost: sum('lost'),
      duplicated: sum('duplicated'),
      resentSameId: sum('resentSameId'),
      failed: sum('failed'),
      spreadBefore: before.perNode,
      spreadAfter: {},
      rebalanceMs: 0,
      rebalanceMoved: 0,
      rebalanceReconnectsPerSecond: 0,
    };
    rounds.push(round);
    console.log(
      `kill ${k}: ${victimId} (${moved.length} sessions) → takeover min ${sorted[0]} ms, max ${sorted.at(-1)} ms, ${round.reconnectsPerSecond} reconnects/s; ${round.accepted} sends: ${round.lost} lost, ${round.duplicated} duplicated, ${round.resentSameId} resent with the same id (dropped by the phone), ${round.failed} failed`,
    );
    // The victim comes back empty: the others hand it its share (±20 % of even, or ±1 when small).
    await victim.start();
    const restartedAt = Date.now();
    const even = SESSIONS / cluster.nodes.length;
    const settled = await waitFor(
      'the restarted node given its share',
      async () => {
        const now = await spread(sessions);
        const tolerance = Math.max(1, 0.2 * even);
        return now.all && Object.values(now.perNode).every((n) => Math.abs(n - even) <= tolerance) ? now : undefined;
      },
      180_000,
      250,
    ).catch(() => null);
    const after = settled ?? (await spread(sessions));
    round.spreadAfter = after.perNode;
    round.rebalanceMs = Date.now() - restartedAt;
    round.rebalanceMoved = after.perNode[victimId] ?? 0;
    round.rebalanceReconnectsPerSecond = Number((round.rebalanceMoved / (round.rebalanceMs / 1000)).toFixed(1));
    console.log(
      `rebalance after restarting ${victimId}: ${settled ? '' : 'NOT SETTLED, '}${JSON.stringify(after.perNode)} (worst ${(after.worst * 100).toFixed(0)} % off even) in ${round.rebalanceMs} ms, ${round.rebalanceMoved} sessions moved to it, ${round.rebalanceReconnectsPerSecond} reconnects/s`,
    );
  }
  const all = rounds.flatMap((r) => r.takeoverMs).sort((a, b) => a - b);
  const pct = (p: number) => all[Math.min(all.length - 1, Math.floor((p / 100) * all.length))];
  console.log(
    `takeover over ${all.length} sessions: p50 ${pct(50)} ms, p90 ${pct(90)} ms, max ${all.at(-1)} ms; lost ${rounds.reduce((n, r) => n + r.lost, 0)}, duplicated ${rounds.reduce((n, r) => n + r.duplicated, 0)}`,
  );
  console.log(`json: ${JSON.stringify({ sessions: SESSIONS, leaseTtl: values['lease-ttl'], rounds })}`);
} finally {
  await cluster.close();
}

// The arithmetic of rebalancing and placing connections (cluster-load.ts): who sheds how many
// sessions when a node joins, never past the room the others have, and where a connection goes
// when a node is full. The moves themselves run in the 3-node harness (test/cluster/).
import assert from 'node:assert/strict';
import { test } from 'node:test';
import { fairShare, leastLoadedWithRoom, type NodeLoad, sessionsToShed } from './cluster-load.js';

const node = (name: string, held: number, max = 0): NodeLoad => ({ node: name, held, max });

test('a node joins two holding 3 each: each sheds one, down to the share', () => {
  const loads = [node('a', 3), node('b', 3), node('c', 0)];
  assert.equal(sessionsToShed(loads[0]!, loads, 6, 4), 1);
  assert.equal(sessionsToShed(loads[1]!, loads, 6, 4), 1);
  assert.equal(sessionsToShed(loads[2]!, loads, 6, 4), 0, 'the newcomer sheds nothing');
});

test('large counts: paced per round (the budget split between the nodes that shed), never below the share', () => {
  const loads = [node('a', 30), node('b', 30), node('c', 0)];
  assert.equal(sessionsToShed(loads[0]!, loads, 60, 4), 2, 'half of 4 each: the newcomer gets 4 per round');
  // Later: the newcomer is starved still (below 20 less the slack): the others go on to 20.
  const later = [node('a', 21), node('b', 22), node('c', 17)];
  assert.equal(sessionsToShed(later[0]!, later, 60, 4), 1);
  assert.equal(sessionsToShed(later[1]!, later, 60, 4), 2);
  // Within the slack (10 % of the share) and nobody starved: no churn.
  const near = [node('a', 22), node('b', 20), node('c', 18)];
  assert.equal(sessionsToShed(near[0]!, near, 60, 4), 0);
});

test('uneven counts settle within one of each other, and nothing moves once they do', () => {
  const loads = [node('a', 4), node('b', 3), node('c', 0)];
  assert.equal(sessionsToShed(loads[0]!, loads, 7, 4), 1, 'a: 4 > ceil(7/3) = 3');
  assert.equal(sessionsToShed(loads[1]!, loads, 7, 4), 0, 'b: at the ceiling');
  const settled = [node('a', 3), node('b', 3), node('c', 1)];
  // c (1) is below the floor (2): the ceiling holders stay (shedding to below the ceiling would bounce).
  assert.equal(sessionsToShed(settled[0]!, settled, 7, 4), 0);
});

test('nowhere to go: full receivers (WAGATE_NODE_MAX_SESSIONS) take nothing, so nothing is shed', () => {
  const loads = [node('a', 6), node('b', 0, 0), node('c', 2, 2)];
  assert.equal(sessionsToShed(loads[0]!, loads, 8, 4), 3, 'b has room for 3 (up to the share), c none');
  const full = [node('a', 6), node('b', 1, 1)];
  assert.equal(sessionsToShed(full[0]!, full, 7, 4), 0);
  assert.equal(sessionsToShed(node('a', 5), [node('a', 5)], 5, 4), 0, 'alone: nothing to shed to');
});

test('fair share and placement: the least loaded node with room, skipping those that refused', () => {
  assert.deepEqual(fairShare(60, 3), { floor: 20, ceil: 20, slack: 2 });
  assert.deepEqual(fairShare(7, 3), { floor: 2, ceil: 3, slack: 0 });
  const loads = [node('a', 3, 3), node('b', 2, 3), node('c', 1, 3)];
  assert.equal(leastLoadedWithRoom(loads, new Set())?.node, 'c');
  assert.equal(leastLoadedWithRoom(loads, new Set(['c']))?.node, 'b');
  assert.equal(leastLoadedWithRoom(loads, new Set(['b', 'c'])), null, 'a is full');
});

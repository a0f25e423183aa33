import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node as mk } from '../src/binary/index.js';
import { deviceKey, type Session } from '../src/server/session.js';
import { Simulator } from '../src/server/simulator.js';
import { quiet } from './support/sim.js';

// Unit test of Simulator.flushQueue with stub sessions (no sockets): who may take a device's queue.
test('the offline queue goes only to the device\'s current open session', (t) => {
  const sim = new Simulator({ logger: quiet });
  t.after(() => sim.close());
  const key = deviceKey('15550009999', 1);
  const stub = (isOpen: boolean): Session & { sent: string[] } => {
    const sent: string[] = [];
    return { conn: { isOpen, send: (n: { tag: string }) => void sent.push(n.tag) }, pn: '15550009999', device: 1, ready: true, sent } as unknown as Session & { sent: string[] };
  };
  sim.deliver('15550009999', 1, mk('message', { id: 'm1' }));
  assert.equal(sim.store.queue(key).length, 1, 'no live session: queued');

  const closed = stub(false);
  sim.live.set(key, closed);
  sim.flushQueue(closed);
  assert.deepEqual(closed.sent, []);
  assert.equal(sim.store.queue(key).length, 1, 'a closed session does not take the queue');

  const replaced = stub(true);
  const current = stub(true);
  sim.live.set(key, current);
  sim.flushQueue(replaced);
  assert.deepEqual(replaced.sent, []);
  assert.equal(sim.store.queue(key).length, 1, 'a replaced session does not take the queue');

  sim.flushQueue(current);
  assert.deepEqual(current.sent, ['message', 'ib']);
  assert.equal(sim.store.queue(key).length, 0);
});

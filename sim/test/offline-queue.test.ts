import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node as mk } from '../src/binary/index.js';
import { deviceKey, type Session } from '../src/server/session.js';
import { Simulator } from '../src/server/simulator.js';
import { quiet } from './support/sim.js';

// Unit tests of Simulator.deliver/flushQueue/acknowledged with stub sessions (no sockets): who may
// take a device's queue, and what stays in it until the device answers.
const PN = '15550009999';
let nextConn = 10_000;
const stub = (isOpen: boolean): Session & { sent: { tag: string; attrs: Record<string, string> }[] } => {
  const sent: { tag: string; attrs: Record<string, string> }[] = [];
  const conn = {
    id: nextConn++,
    isOpen,
    send: (n: { tag: string; attrs: Record<string, string> }) => void sent.push(n),
  };
  return { conn, pn: PN, device: 1, ready: true, sent } as unknown as Session & {
    sent: { tag: string; attrs: Record<string, string> }[];
  };
};
const tags = (s: { sent: { tag: string }[] }): string[] => s.sent.map((n) => n.tag);

test("the offline queue goes only to the device's current open session", (t) => {
  const sim = new Simulator({ logger: quiet });
  t.after(() => sim.close());
  const key = deviceKey(PN, 1);
  sim.deliver(PN, 1, mk('message', { id: 'm1' }));
  assert.equal(sim.store.queues.size(key), 1, 'no live session: queued');

  const closed = stub(false);
  sim.live.set(key, closed);
  sim.flushQueue(closed);
  assert.deepEqual(tags(closed), []);

  const replaced = stub(true);
  const current = stub(true);
  sim.live.set(key, current);
  sim.flushQueue(replaced);
  assert.deepEqual(tags(replaced), [], 'a replaced session does not take the queue');

  sim.flushQueue(current);
  assert.deepEqual(tags(current), ['message', 'ib']);
  assert.equal(current.sent[0]!.attrs.offline, '1', 'a queued stanza is marked offline');
  assert.equal(current.sent[1]!.attrs.id, undefined);
});

test('a stanza stays queued until the device acknowledges it, and goes again to its next connection', (t) => {
  const sim = new Simulator({ logger: quiet });
  t.after(() => sim.close());
  const key = deviceKey(PN, 1);
  const first = stub(true);
  sim.live.set(key, first);
  sim.deliver(PN, 1, mk('message', { id: 'm1', type: 'text' }));
  sim.deliver(PN, 1, mk('receipt', { id: 'r1' }));
  sim.deliver(PN, 1, mk('receipt', { id: 'r1', type: 'read' }));
  sim.deliver(PN, 1, mk('notification', { id: 'n1', type: 'encrypt' }));
  assert.deepEqual(tags(first), ['message', 'receipt', 'receipt', 'notification'], 'written live');
  assert.equal(sim.store.queues.size(key), 4, 'written is not delivered');

  sim.flushQueue(first);
  assert.deepEqual(tags(first).slice(4), ['ib'], 'the same connection is not sent them twice');

  // The device answers the message with its receipt, and the read receipt with a typed ack.
  sim.acknowledged(PN, 1, mk('receipt', { id: 'm1', to: '15550001111@s.whatsapp.net' }));
  sim.acknowledged(PN, 1, mk('ack', { class: 'receipt', id: 'r1', type: 'read' }));
  assert.equal(sim.store.queues.size(key), 2);

  // The connection dies; the next one gets what was not answered, marked offline.
  const second = stub(true);
  sim.live.set(key, second);
  sim.flushQueue(second);
  assert.deepEqual(
    second.sent.map((n) => `${n.tag}:${n.attrs.id ?? ''}:${n.attrs.type ?? ''}:${n.attrs.offline ?? ''}`),
    ['receipt:r1::1', 'notification:n1:encrypt:1', 'ib:::'],
  );
  sim.acknowledged(PN, 1, mk('ack', { class: 'receipt', id: 'r1' }));
  sim.acknowledged(PN, 1, mk('ack', { class: 'notification', id: 'n1', type: 'encrypt' }));
  assert.equal(sim.store.queues.size(key), 0);
  // An ack that names nothing pending is harmless.
  sim.acknowledged(PN, 1, mk('ack', { class: 'message', id: 'nope' }));
  assert.equal(sim.store.queues.count(), 0);
});

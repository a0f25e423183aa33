import { test } from 'node:test';
import assert from 'node:assert/strict';
import { node as mk, type BinaryNode } from '../src/binary/index.js';
import { onMessage } from '../src/server/relay.js';
import { Simulator } from '../src/server/simulator.js';
import type { CompanionRecord } from '../src/state/types.js';
import { quiet } from './support/sim.js';

// Unit test of the server ack a sender gets for a `<message>` (stub origin, no sockets): it means
// "accepted", so it leaves only once every copy is held for its device, and a refused message gets
// an error ack instead.
test('the server acks a message only once its copies are held, and refuses a malformed one with an error ack', (t) => {
  const sim = new Simulator({ logger: quiet });
  t.after(() => sim.close());
  const a = sim.accounts.create('15550001001');
  const b = sim.accounts.create('15550001002');
  b.companions.push({ id: 1 } as CompanionRecord);
  const acks: { ack: BinaryNode; heldForB1: number }[] = [];
  const origin = {
    pn: a.pn,
    device: 1,
    reply: (n: BinaryNode) => void acks.push({ ack: n, heldForB1: sim.store.queues.size(`${b.pn}:1`) }),
  };

  const enc = mk('enc', { v: '2', type: 'msg' }, new Uint8Array([1, 2, 3]));
  onMessage(
    sim,
    origin,
    mk('message', { id: 'M1', to: `${b.pn}@s.whatsapp.net`, type: 'text' }, [
      mk('participants', {}, [mk('to', { jid: `${b.pn}:1@s.whatsapp.net` }, [enc])]),
    ]),
  );
  assert.equal(acks.length, 1);
  assert.equal(acks[0]!.ack.attrs.class, 'message');
  assert.equal(acks[0]!.ack.attrs.id, 'M1');
  assert.equal(acks[0]!.ack.attrs.error, undefined);
  assert.equal(acks[0]!.heldForB1, 1, 'the copy for B:1 was held before the ack left');

  onMessage(sim, origin, mk('message', { id: 'M2', to: `${b.pn}@s.whatsapp.net`, type: 'text' }));
  assert.equal(acks[1]!.ack.tag, 'ack');
  assert.equal(acks[1]!.ack.attrs.id, 'M2');
  assert.equal(acks[1]!.ack.attrs.error, '400', 'nothing to relay: an error ack, never a success');
  assert.deepEqual(
    acks.slice(2).map((x) => x.ack.tag),
    ['notification'],
    'then a no-op stanza so Baileys flushes the status',
  );
  assert.equal(sim.store.queues.size(`${b.pn}:1`), 1, 'nothing more held');
  assert.equal(sim.unhandledStanzas().length, 1, 'and the simulator records it');
});

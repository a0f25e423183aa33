import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { BinaryNode } from 'baileys';
import { control, linkByQr, startSim } from './support/sim.js';

const children = (n: BinaryNode | undefined, tag: string): BinaryNode[] =>
  Array.isArray(n?.content) ? (n!.content as BinaryNode[]).filter((c) => c.tag === tag) : [];

test('onWhatsApp answers from the usync contact protocol: simulated numbers are in, others out', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const client = await linkByQr(sim, '15552220001');
  t.after(() => client.end());
  await control(sim, 'POST', '/sim/accounts', { phone: '15552220002' });
  const res = await client.sock.onWhatsApp('15552220002', '15559999999');
  assert.deepEqual(res, [{ jid: '15552220002@s.whatsapp.net', exists: true }]);
  assert.deepEqual(sim.unhandled(), []);
});

test('bundle fetches consume one-time prekeys; a low stock makes the owner upload more', async (t) => {
  const sim = await startSim();
  t.after(() => sim.close());
  const a = await linkByQr(sim, '15552220003');
  t.after(() => a.end());
  const b = await linkByQr(sim, '15552220004');
  t.after(() => b.end());
  const count = async (): Promise<number> => {
    const res = await a.sock.query({
      tag: 'iq',
      attrs: { to: 's.whatsapp.net', xmlns: 'encrypt', type: 'get' },
      content: [{ tag: 'count', attrs: {} }],
    });
    return Number(children(res, 'count')[0]?.attrs.value);
  };
  const initial = await count();
  assert.ok(initial >= 800, `A uploaded its initial stock (${initial})`);
  const aDevice = `${a.sock.user!.lid!.split(':')[0]}:1@lid`;
  const fetch = async (n: number): Promise<BinaryNode[]> => {
    const res = await b.sock.query({
      tag: 'iq',
      attrs: { to: 's.whatsapp.net', xmlns: 'encrypt', type: 'get' },
      content: [
        { tag: 'key', attrs: {}, content: Array.from({ length: n }, () => ({ tag: 'user', attrs: { jid: aDevice } })) },
      ],
    });
    return children(children(res, 'list')[0], 'user');
  };
  const users = await fetch(2);
  assert.equal(users.length, 2);
  assert.equal(users[0]!.attrs.jid, aDevice, 'each answer echoes the jid asked for');
  const ids = users.map((u) => children(u, 'key')[0]?.content);
  assert.notDeepEqual(ids[0], ids[1], 'two fetches get two different one-time keys');
  assert.equal(await count(), initial - 2);

  // Drain to below 5: the simulator sends `notification type=encrypt <count>` and Baileys uploads.
  await fetch(initial - 2 - 3);
  for (let i = 0; i < 50 && (await count()) < 5; i++) await new Promise((r) => setTimeout(r, 100));
  assert.ok((await count()) >= 5, 'A topped its stock up after the prekey-low notification');
  const empty = await fetch(3);
  assert.ok(
    empty.every((u) => children(u, 'skey').length === 1),
    'bundles always carry the signed prekey',
  );
  assert.deepEqual(sim.unhandled(), []);
});

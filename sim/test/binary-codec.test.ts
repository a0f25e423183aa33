import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deflateSync } from 'node:zlib';
import { decodeBinaryNode, encodeBinaryNode, type BinaryNode as BaileysNode } from 'baileys';
import { decodeFrame, encodeFrame, type BinaryNode } from '../src/binary/index.js';

// The simulator's codec is independent of Baileys'; these tests use Baileys' codec as the witness.
const samples: BinaryNode[] = [
  {
    tag: 'iq',
    attrs: { id: '1.2-3', type: 'get', xmlns: 'encrypt', to: 's.whatsapp.net' },
    content: [{ tag: 'count', attrs: {} }],
  },
  {
    tag: 'message',
    attrs: {
      from: '15551234567:3@s.whatsapp.net',
      sender_lid: '123456789012345@lid',
      id: '3EB0ABCDEF0123456789',
      t: '1700000000',
      notify: 'Alice Ü 🙂',
    },
    content: [{ tag: 'enc', attrs: { v: '2', type: 'pkmsg' }, content: new Uint8Array(300).fill(7) }],
  },
  {
    tag: 'user',
    attrs: { jid: '123456789012345:12@lid' },
    content: [{ tag: 'x', attrs: {}, content: 'plain text that is no token' }],
  },
  {
    tag: 'group',
    attrs: { jid: '120363000000000000@g.us', creator: '1555@s.whatsapp.net', hex: 'ABCDEF0123' },
    content: [],
  },
  {
    tag: 'list',
    attrs: {},
    content: Array.from({ length: 300 }, (_, i) => ({ tag: 'item', attrs: { id: `id-${i}` } })),
  },
  { tag: 'blob', attrs: { empty: '' }, content: new Uint8Array(1 << 20).fill(1) },
  { tag: 'stream:error', attrs: { code: '515' } },
];

// String content and raw-byte content are the same on the wire (both decoders return bytes for
// non-token strings), so content strings are compared as their UTF-8 bytes.
const norm = (n: BaileysNode | BinaryNode): unknown =>
  JSON.parse(
    JSON.stringify(n, (k, v: unknown) =>
      k === 'content' && typeof v === 'string'
        ? `bytes:${Buffer.from(v).toString('hex')}`
        : v instanceof Uint8Array || (v && typeof v === 'object' && (v as { type?: string }).type === 'Buffer')
          ? `bytes:${Buffer.from((v as { data?: number[] }).data ?? (v as Uint8Array)).toString('hex')}`
          : v,
    ),
  );

test('nodes the simulator encodes decode identically with Baileys', async () => {
  for (const n of samples) {
    const decoded = await decodeBinaryNode(encodeFrame(n));
    assert.deepEqual(norm(decoded), norm(n), n.tag);
  }
});

test('nodes Baileys encodes decode identically with the simulator', () => {
  for (const n of samples) {
    const bytes = encodeBinaryNode(n as BaileysNode);
    assert.deepEqual(norm(decodeFrame(bytes)), norm(n), n.tag);
  }
});

test('compressed frames (flag bit 2) are inflated', () => {
  const plain = encodeFrame(samples[0]!);
  const compressed = Buffer.concat([Buffer.from([2]), deflateSync(plain.subarray(1))]);
  assert.deepEqual(norm(decodeFrame(compressed)), norm(samples[0]!));
});

test('device 0 AD_JID decodes without :0, as Baileys does', async () => {
  const n = { tag: 'x', attrs: { jid: '15551234567:0@s.whatsapp.net' } };
  assert.equal(decodeFrame(encodeBinaryNode(n)).attrs.jid, '15551234567@s.whatsapp.net');
  assert.equal((await decodeBinaryNode(encodeFrame(n))).attrs.jid, '15551234567@s.whatsapp.net');
});

test('truncated input fails loudly', () => {
  const bytes = encodeFrame(samples[1]!);
  assert.throws(() => decodeFrame(bytes.subarray(0, bytes.length - 10)), /end of stream/);
});

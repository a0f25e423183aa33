import { inflateSync } from 'node:zlib';
import { DOUBLE_BYTE_TOKENS, SINGLE_BYTE_TOKENS } from './tokens.js';
import { TAG, serverOfDomain } from './tags.js';
import { formatJid } from './jid.js';
import type { BinaryNode } from './types.js';

/** Decodes one frame payload: a flags byte (bit 1 = zlib-deflated) then the node. */
export function decodeFrame(payload: Uint8Array): BinaryNode {
  if (payload.length === 0) throw new Error('empty frame');
  const flags = payload[0]!;
  const body = flags & 2 ? inflateSync(payload.subarray(1)) : payload.subarray(1);
  return decodeNode(new Reader(Buffer.from(body.buffer, body.byteOffset, body.byteLength)));
}

class Reader {
  pos = 0;
  constructor(readonly buf: Buffer) {}
  need(n: number): void {
    if (this.pos + n > this.buf.length) throw new Error('end of stream');
  }
  byte(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }
  int(n: number): number {
    this.need(n);
    let v = 0;
    for (let i = 0; i < n; i++) v = v * 256 + this.buf[this.pos++]!;
    return v;
  }
  int20(): number {
    this.need(3);
    return ((this.byte() & 0x0f) << 16) | (this.byte() << 8) | this.byte();
  }
  bytes(n: number): Uint8Array {
    this.need(n);
    const out = new Uint8Array(this.buf.subarray(this.pos, this.pos + n));
    this.pos += n;
    return out;
  }
}

function listSize(r: Reader, tag: number): number {
  if (tag === TAG.LIST_EMPTY) return 0;
  if (tag === TAG.LIST_8) return r.byte();
  if (tag === TAG.LIST_16) return r.int(2);
  throw new Error(`invalid list tag ${tag}`);
}

const NIBBLES = '0123456789-.';
const HEX = '0123456789ABCDEF';

function unpack(r: Reader, tag: number): string {
  const start = r.byte();
  const alphabet = tag === TAG.NIBBLE_8 ? NIBBLES : HEX;
  let out = '';
  for (let i = 0; i < (start & 0x7f); i++) {
    const b = r.byte();
    for (const v of [b >> 4, b & 0x0f]) {
      if (v < alphabet.length) out += alphabet[v];
      else if (v === 15) out += '\0';
      else throw new Error(`invalid packed value ${v}`);
    }
  }
  // An odd length is padded with one filler nibble, which the high bit says to drop.
  return start & 0x80 ? out.slice(0, -1) : out;
}

function readString(r: Reader, tag: number): string {
  if (tag >= 1 && tag < SINGLE_BYTE_TOKENS.length) return SINGLE_BYTE_TOKENS[tag] ?? '';
  if (tag >= TAG.DICTIONARY_0 && tag <= TAG.DICTIONARY_3) {
    const value = DOUBLE_BYTE_TOKENS[tag - TAG.DICTIONARY_0]?.[r.byte()];
    if (value === undefined) throw new Error('invalid double-byte token');
    return value;
  }
  switch (tag) {
    case TAG.LIST_EMPTY:
      return '';
    case TAG.BINARY_8:
      return Buffer.from(r.bytes(r.byte())).toString('utf8');
    case TAG.BINARY_20:
      return Buffer.from(r.bytes(r.int20())).toString('utf8');
    case TAG.BINARY_32:
      return Buffer.from(r.bytes(r.int(4))).toString('utf8');
    case TAG.JID_PAIR: {
      const user = readString(r, r.byte());
      const server = readString(r, r.byte());
      if (!server) throw new Error('invalid jid pair');
      return `${user}@${server}`;
    }
    case TAG.AD_JID: {
      const domain = r.byte();
      const device = r.byte();
      const user = readString(r, r.byte());
      return formatJid(user, serverOfDomain(domain), device);
    }
    case TAG.FB_JID: {
      const user = readString(r, r.byte());
      const device = r.int(2);
      return `${user}:${device}@${readString(r, r.byte())}`;
    }
    case TAG.INTEROP_JID: {
      const user = readString(r, r.byte());
      const device = r.int(2);
      const integrator = r.int(2);
      return `${integrator}-${user}:${device}@${readString(r, r.byte())}`;
    }
    case TAG.NIBBLE_8:
    case TAG.HEX_8:
      return unpack(r, tag);
    default:
      throw new Error(`invalid string tag ${tag}`);
  }
}

function decodeNode(r: Reader): BinaryNode {
  const size = listSize(r, r.byte());
  const tag = readString(r, r.byte());
  if (!size || !tag) throw new Error('invalid node');
  const attrs: Record<string, string> = {};
  for (let i = 0; i < (size - 1) >> 1; i++) {
    const key = readString(r, r.byte());
    attrs[key] = readString(r, r.byte());
  }
  const node: BinaryNode = { tag, attrs };
  if (size % 2 === 0) {
    const t = r.byte();
    if (t === TAG.LIST_EMPTY || t === TAG.LIST_8 || t === TAG.LIST_16) {
      const n = listSize(r, t);
      const children: BinaryNode[] = [];
      for (let i = 0; i < n; i++) children.push(decodeNode(r));
      node.content = children;
    } else if (t === TAG.BINARY_8) node.content = r.bytes(r.byte());
    else if (t === TAG.BINARY_20) node.content = r.bytes(r.int20());
    else if (t === TAG.BINARY_32) node.content = r.bytes(r.int(4));
    else node.content = readString(r, t);
  }
  return node;
}

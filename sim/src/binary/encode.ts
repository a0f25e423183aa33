import { DOUBLE_BYTE_TOKENS, SINGLE_BYTE_TOKENS } from './tokens.js';
import { PACKED_MAX, TAG, domainOfServer } from './tags.js';
import type { BinaryNode } from './types.js';

type TokenRef = { dict?: number; index: number };
const TOKENS = new Map<string, TokenRef>();
SINGLE_BYTE_TOKENS.forEach((t, index) => index > 0 && t && TOKENS.set(t, { index }));
DOUBLE_BYTE_TOKENS.forEach((list, dict) => list.forEach((t, index) => TOKENS.has(t) || TOKENS.set(t, { dict, index })));

/** Encodes a node as a frame payload: flags byte 0 (uncompressed) then the node. */
export function encodeFrame(node: BinaryNode): Buffer {
  const w = new Writer();
  w.byte(0);
  writeNode(w, node);
  return w.done();
}

class Writer {
  private buf = Buffer.allocUnsafe(256);
  private len = 0;
  private grow(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = Buffer.allocUnsafe(Math.max(this.buf.length * 2, this.len + n));
    this.buf.copy(next, 0, 0, this.len);
    this.buf = next;
  }
  byte(b: number): void {
    this.grow(1);
    this.buf[this.len++] = b & 0xff;
  }
  int(v: number, n: number): void {
    for (let i = n - 1; i >= 0; i--) this.byte(Math.floor(v / 2 ** (8 * i)));
  }
  bytes(data: Uint8Array): void {
    this.grow(data.length);
    this.buf.set(data, this.len);
    this.len += data.length;
  }
  done(): Buffer {
    return this.buf.subarray(0, this.len);
  }
}

function writeLength(w: Writer, n: number): void {
  if (n >= 1 << 20) {
    w.byte(TAG.BINARY_32);
    w.int(n, 4);
  } else if (n >= 256) {
    w.byte(TAG.BINARY_20);
    w.int(n & 0xfffff, 3);
  } else {
    w.byte(TAG.BINARY_8);
    w.byte(n);
  }
}

function writeRaw(w: Writer, s: string): void {
  const bytes = Buffer.from(s, 'utf8');
  writeLength(w, bytes.length);
  w.bytes(bytes);
}

const NIBBLE_RE = /^[0-9.-]+$/;
const HEX_RE = /^[0-9A-F]+$/;

function writePacked(w: Writer, s: string, tag: number): void {
  const value = (c: string | undefined): number => {
    if (c === undefined) return 15;
    if (tag === TAG.NIBBLE_8) return c === '-' ? 10 : c === '.' ? 11 : c.charCodeAt(0) - 48;
    return parseInt(c, 16);
  };
  w.byte(tag);
  w.byte(Math.ceil(s.length / 2) | (s.length % 2 ? 0x80 : 0));
  for (let i = 0; i < s.length; i += 2) w.byte((value(s[i]) << 4) | value(s[i + 1]));
}

function writeJid(w: Writer, s: string): boolean {
  const at = s.indexOf('@');
  if (at < 0) return false;
  const server = s.slice(at + 1);
  const userPart = s.slice(0, at);
  const colon = userPart.indexOf(':');
  const domain = domainOfServer(server);
  if (colon >= 0 && domain !== undefined && !userPart.includes('_')) {
    // A device JID on a known server: AD_JID carries the domain type and device number.
    w.byte(TAG.AD_JID);
    w.byte(domain);
    w.byte(Number(userPart.slice(colon + 1)));
    writeString(w, userPart.slice(0, colon));
    return true;
  }
  w.byte(TAG.JID_PAIR);
  if (userPart) writeString(w, userPart);
  else w.byte(TAG.LIST_EMPTY);
  writeString(w, server);
  return true;
}

function writeString(w: Writer, s: string): void {
  if (s === '') return writeRaw(w, s);
  const token = TOKENS.get(s);
  if (token) {
    if (token.dict !== undefined) w.byte(TAG.DICTIONARY_0 + token.dict);
    w.byte(token.index);
  } else if (s.length <= PACKED_MAX && NIBBLE_RE.test(s)) writePacked(w, s, TAG.NIBBLE_8);
  else if (s.length <= PACKED_MAX && HEX_RE.test(s)) writePacked(w, s, TAG.HEX_8);
  else if (!writeJid(w, s)) writeRaw(w, s);
}

function writeListStart(w: Writer, n: number): void {
  if (n === 0) w.byte(TAG.LIST_EMPTY);
  else if (n < 256) {
    w.byte(TAG.LIST_8);
    w.byte(n);
  } else {
    w.byte(TAG.LIST_16);
    w.int(n, 2);
  }
}

function writeNode(w: Writer, node: BinaryNode): void {
  if (!node.tag) throw new Error('node without tag');
  const keys = Object.keys(node.attrs).filter((k) => typeof node.attrs[k] === 'string');
  writeListStart(w, 1 + 2 * keys.length + (node.content === undefined ? 0 : 1));
  writeString(w, node.tag);
  for (const k of keys) {
    writeString(w, k);
    writeString(w, node.attrs[k]!);
  }
  const c = node.content;
  if (typeof c === 'string') writeString(w, c);
  else if (c instanceof Uint8Array) {
    writeLength(w, c.length);
    w.bytes(c);
  } else if (Array.isArray(c)) {
    writeListStart(w, c.length);
    for (const child of c) writeNode(w, child);
  }
}

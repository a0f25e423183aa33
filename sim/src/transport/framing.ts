import { WA_HEADER } from './noise.js';

/**
 * Splits the client's byte stream into frames: an optional `ED 00 01` routing intro and the
 * `WA 06 03` header before the first frame, then 3-byte big-endian length + payload, possibly split
 * or joined across WebSocket messages.
 */
export class FrameReader {
  private buf: Buffer = Buffer.alloc(0);
  private sawIntro = false;
  /** The routing bytes of an `ED` intro, if the client sent one (creds.routingInfo). */
  routingInfo?: Buffer;

  push(data: Uint8Array): Buffer[] {
    this.buf = this.buf.length ? Buffer.concat([this.buf, data]) : Buffer.from(data);
    if (!this.sawIntro && !this.readIntro()) return [];
    const frames: Buffer[] = [];
    while (this.buf.length >= 3) {
      const size = (this.buf[0]! << 16) | (this.buf[1]! << 8) | this.buf[2]!;
      if (this.buf.length < size + 3) break;
      frames.push(this.buf.subarray(3, size + 3));
      this.buf = this.buf.subarray(size + 3);
    }
    return frames;
  }

  private readIntro(): boolean {
    let offset = 0;
    if (this.buf[0] === 0x45 && this.buf[1] === 0x44) {
      if (this.buf.length < 7) return false;
      const len = (this.buf[4]! << 16) | this.buf.readUInt16BE(5);
      if (this.buf.length < 7 + len) return false;
      this.routingInfo = Buffer.from(this.buf.subarray(7, 7 + len));
      offset = 7 + len;
    }
    if (this.buf.length < offset + 4) return false;
    if (!this.buf.subarray(offset, offset + 4).equals(WA_HEADER)) throw new Error('bad stream header');
    this.buf = this.buf.subarray(offset + 4);
    this.sawIntro = true;
    return true;
  }
}

export function frame(payload: Uint8Array): Buffer {
  const out = Buffer.allocUnsafe(3 + payload.length);
  out[0] = (payload.length >>> 16) & 0xff;
  out[1] = (payload.length >>> 8) & 0xff;
  out[2] = payload.length & 0xff;
  out.set(payload, 3);
  return out;
}

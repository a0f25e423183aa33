// Prefixed, time-ordered ids: `<prefix>_<32 hex>` where the hex is a UUIDv7 without dashes.
// Time-ordered keys keep B-tree inserts at the right edge of the index (see PERFORMANCE.md: random
// UUIDv4 keys cost about 40 % of the durable accept rate), and ids sort in creation order, which
// the cursor pagination relies on.
import { randomBytes } from 'node:crypto';

export type IdPrefix = 'acc' | 'pat' | 'sk' | 'ses' | 'slog' | 'req' | (string & {});

let lastMs = 0;
let seq = 0;

/** A UUIDv7 as 32 lowercase hex characters. Monotonic within this process, even within one ms. */
export function uuidv7Hex(nowMs: number = Date.now()): string {
  // rand_a (12 bits) holds a per-millisecond counter so ids made in the same ms still sort in order.
  if (nowMs <= lastMs) {
    seq += 1;
    if (seq > 0xfff) {
      lastMs += 1; // counter exhausted: borrow the next millisecond rather than lose ordering
      seq = 0;
    }
  } else {
    lastMs = nowMs;
    seq = 0;
  }
  const b = randomBytes(16);
  const ms = lastMs;
  b[0] = Math.floor(ms / 2 ** 40) & 0xff;
  b[1] = Math.floor(ms / 2 ** 32) & 0xff;
  b[2] = (ms >>> 24) & 0xff;
  b[3] = (ms >>> 16) & 0xff;
  b[4] = (ms >>> 8) & 0xff;
  b[5] = ms & 0xff;
  b[6] = 0x70 | ((seq >>> 8) & 0x0f); // version 7
  b[7] = seq & 0xff;
  b[8] = 0x80 | ((b[8] ?? 0) & 0x3f); // RFC 9562 variant
  return b.toString('hex');
}

/** A new prefixed id, e.g. `ses_0190f3c2a1b27c4d8e9f0a1b2c3d4e5f`. */
export function newId(prefix: IdPrefix): string {
  return `${prefix}_${uuidv7Hex()}`;
}

/** True when `value` has the shape of an id with this prefix (no lookup, shape only). */
export function isId(prefix: IdPrefix, value: string): boolean {
  return (
    value.length === prefix.length + 33 &&
    value.startsWith(`${prefix}_`) &&
    /^[0-9a-f]{32}$/.test(value.slice(prefix.length + 1))
  );
}

/**
 * The smallest id with this prefix made at `ms`: every id made before `ms` sorts below it, so
 * `id < idFloorAt('evt', cutoff)` selects rows created before the cutoff through the primary key.
 */
export function idFloorAt(prefix: IdPrefix, ms: number): string {
  return `${prefix}_${Math.max(0, Math.floor(ms)).toString(16).padStart(12, '0')}${'0'.repeat(20)}`;
}

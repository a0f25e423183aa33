// Decoding a JSON upload's base64 in slices that stream to disk: decoding a large string at once
// held the event loop for hundreds of milliseconds and kept a second copy of the file in memory.
import { InvalidError } from '../errors.js';
import { decodeBase64, mediaTooLarge } from './media.rules.js';

/** Base64 characters decoded per step (a multiple of 4): about 768 KB of bytes. */
const BASE64_STEP = 1 << 20;

/**
 * An upload's `base64` (plain or a data URL) as a stream of decoded chunks, and the data URL's
 * type. Decoding a large string at once held the event loop for hundreds of milliseconds and a
 * second copy of the file in memory; here each step checks and decodes one slice, then yields, and
 * the chunks stream to disk. Throws 400/413 naming `base64` (up front for the size, or from the
 * stream at the first bad character).
 */
export function decodeBase64Upload(
  text: string,
  maxBytes: number,
): { chunks: AsyncIterable<Buffer>; dataUrlType: string | null } {
  const m = /^data:([^;,]*)((?:;[^;,]*)*?);base64,/i.exec(text.slice(0, 1024));
  const start = m ? m[0].length : 0;
  const bad = () =>
    new InvalidError('base64: must be base64 or a data URL (data:<type>;base64,<data>)', { field: 'base64' });
  if (text.length - start === 0) throw bad();
  if (Math.floor(((text.length - start) * 3) / 4) > maxBytes + 3 + Math.ceil((text.length - start) / 64))
    throw mediaTooLarge('base64', maxBytes);
  async function* chunks(): AsyncGenerator<Buffer> {
    let carry = '';
    for (let at = start; at < text.length; at += BASE64_STEP) {
      const last = at + BASE64_STEP >= text.length;
      const slice = carry + text.slice(at, at + BASE64_STEP).replace(/\s+/g, '');
      if (!(last ? /^[A-Za-z0-9+/_-]*={0,2}$/ : /^[A-Za-z0-9+/_-]*$/).test(slice)) throw bad();
      const whole = last ? slice.length : slice.length - (slice.length % 4);
      carry = slice.slice(whole);
      if (whole > 0) yield decodeBase64(slice.slice(0, whole));
      if (!last) await new Promise((resolve) => setImmediate(resolve));
    }
  }
  return { chunks: chunks(), dataUrlType: m?.[1] ? `${m[1]}${m[2] ?? ''}` : null };
}

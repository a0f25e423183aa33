// Checks of media commands that the core makes whatever surface built them (each surface validates
// its own wire format first): a value that slipped through would otherwise fail deep in decryption.
import { InvalidError } from '../errors.js';
import { isBase64OfLength, isPlainFileName } from './media.rules.js';
import type { DecryptMedia } from './media.types.js';

/** The file name, or 400 naming `fileName` (each surface validates first; this guards the core). */
export function plainFileName(v: string): string {
  if (!isPlainFileName(v))
    throw new InvalidError('fileName: must be a plain file name (no path, no control characters)', {
      field: 'fileName',
    });
  return v;
}

/** Keys of the wrong length would fail deep in the decryption: refuse them first. */
export function checkDecryptKeys(d: DecryptMedia): void {
  if (d.url === undefined && !d.directPath?.startsWith('/'))
    throw new InvalidError('url: url or a directPath starting with / is required', { field: 'url' });
  for (const [field, value] of [
    ['mediaKey', d.mediaKey],
    ['fileSha256', d.fileSha256],
    ['fileEncSha256', d.fileEncSha256],
  ] as const) {
    if (value !== undefined && !isBase64OfLength(value, 32))
      throw new InvalidError(`${field}: must be 32 bytes, base64`, { field });
  }
}

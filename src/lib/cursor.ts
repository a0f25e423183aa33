// Opaque pagination cursors. Clients must treat them as strings; we keep the payload tiny (the last
// id seen) and base64url it so it survives query strings without escaping.

/** Encode the last item's id of a page as an opaque cursor. */
export function encodeCursor(lastId: string): string {
  return Buffer.from(lastId, 'utf8').toString('base64url');
}

/** Decode a cursor; returns null when it is not one of ours (callers turn that into a 400). */
export function decodeCursor(cursor: string): string | null {
  if (!/^[A-Za-z0-9_-]{1,200}$/.test(cursor)) return null;
  const value = Buffer.from(cursor, 'base64url').toString('utf8');
  return /^[a-z]+_[0-9a-f]{32}$/.test(value) ? value : null;
}

// WabSync shows ids as UUIDs (API-CATALOG §5.1). wagate ids are `<prefix>_<32 hex>` where the hex
// is a UUIDv7 (src/lib/ids.ts), so the UUID is that same value with dashes: a reversible codec,
// no stored mapping. The kind (session, message, webhook) comes from where the id is used.

const HEX32 = /^[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
/** Any wagate id: a lower-case prefix, `_`, 32 hex. */
const WAGATE_ID = /^([a-z]+)_([0-9a-f]{32})$/;

/** `ses_0190…` → `0190…-…` (the UUID inside the id). */
export function toUuid(id: string): string {
  const hex = id.slice(id.indexOf('_') + 1);
  if (!HEX32.test(hex)) return id;
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** A UUID back to the wagate id with this prefix; anything else passes through unchanged. */
export function fromUuid(prefix: 'ses' | 'msg' | 'whk', ref: string): string {
  return UUID.test(ref) ? `${prefix}_${ref.replace(/-/g, '').toLowerCase()}` : ref;
}

/** Whether a string is a wagate id (to show as a UUID inside webhook payloads). */
export function isWagateId(value: string): boolean {
  return WAGATE_ID.test(value);
}

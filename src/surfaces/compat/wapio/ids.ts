// Wapio's id forms over wagate's ids, as a reversible codec (no stored mapping): wagate ids are
// `<prefix>_<32 hex>`; Wapio shows sessions as `bps_sess_ws_<22 base64url chars>` (the same 16
// bytes), accounts as `bps_acc_<32 hex>` and messages as `bps_msg_<32 hex>` (API-CATALOG §3.1).

const HEX32 = /^[0-9a-f]{32}$/;

export function toWapioSessionId(id: string): string {
  const hex = id.slice(id.indexOf('_') + 1);
  return `bps_sess_ws_${Buffer.from(hex, 'hex').toString('base64url')}`;
}

/** A Wapio session id back to wagate's; anything else passes through (wagate ids and names work too). */
export function fromWapioSessionId(ref: string): string {
  if (!ref.startsWith('bps_sess_ws_')) return ref;
  const hex = Buffer.from(ref.slice('bps_sess_ws_'.length), 'base64url').toString('hex');
  return HEX32.test(hex) ? `ses_${hex}` : ref;
}

export function toWapioAccountId(id: string): string {
  return `bps_acc_${id.slice(id.indexOf('_') + 1)}`;
}

export function toWapioMessageId(id: string): string {
  return `bps_msg_${id.slice(id.indexOf('_') + 1)}`;
}

export function fromWapioMessageId(ref: string): string {
  const hex = ref.startsWith('bps_msg_') ? ref.slice('bps_msg_'.length) : null;
  return hex !== null && HEX32.test(hex) ? `msg_${hex}` : ref;
}

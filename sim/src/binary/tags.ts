/** Byte tags of the WhatsApp binary-XML format (dictionary version 3). */
export const TAG = {
  LIST_EMPTY: 0,
  DICTIONARY_0: 236,
  DICTIONARY_3: 239,
  INTEROP_JID: 245,
  FB_JID: 246,
  AD_JID: 247,
  LIST_8: 248,
  LIST_16: 249,
  JID_PAIR: 250,
  HEX_8: 251,
  BINARY_8: 252,
  BINARY_20: 253,
  BINARY_32: 254,
  NIBBLE_8: 255,
} as const;

/** Longest string that may be packed as nibbles/hex (length byte has 7 bits). */
export const PACKED_MAX = 127;

/** AD_JID domain types: which server a device JID lives on. */
export const DOMAIN = { WHATSAPP: 0, LID: 1, HOSTED: 128, HOSTED_LID: 129 } as const;

const DOMAIN_SERVERS: Record<number, string> = {
  [DOMAIN.WHATSAPP]: 's.whatsapp.net',
  [DOMAIN.LID]: 'lid',
  [DOMAIN.HOSTED]: 'hosted',
  [DOMAIN.HOSTED_LID]: 'hosted.lid',
};

export function serverOfDomain(domain: number): string {
  return DOMAIN_SERVERS[domain] ?? 's.whatsapp.net';
}

export function domainOfServer(server: string): number | undefined {
  for (const [domain, name] of Object.entries(DOMAIN_SERVERS)) if (name === server) return Number(domain);
  return undefined;
}

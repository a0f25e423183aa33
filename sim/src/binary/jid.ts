/** JIDs as the simulator reads them: `user[:device]@server`. */
export interface Jid {
  user: string;
  device: number;
  server: string;
}

export function parseJid(jid: string): Jid | undefined {
  const at = jid.indexOf('@');
  if (at < 0) return undefined;
  const server = jid.slice(at + 1);
  const [userAgent = '', device] = jid.slice(0, at).split(':');
  const user = userAgent.split('_')[0] ?? '';
  return { user, device: device ? Number(device) : 0, server };
}

/** Device 0 is written without `:0`, as WhatsApp and Baileys do. */
export function formatJid(user: string, server: string, device = 0): string {
  return `${user}${device ? `:${device}` : ''}@${server}`;
}

/** The bare user JID (device 0) of any device JID. */
export function bareJid(jid: string): string {
  const p = parseJid(jid);
  return p ? formatJid(p.user, p.server) : jid;
}

/**
 * The server's own address as it appears in `from`/`to`: a JID with an empty user, which Baileys
 * compares against literally (`from === '@s.whatsapp.net'`, e.g. for prekey-low notifications).
 */
export const S_WHATSAPP_NET = '@s.whatsapp.net';

// The connect-time half of the private-address guard for a session's own proxy (the save-time half
// is core/sessions/proxy-guard.ts): the proxy's host is resolved again now, since a name that was
// public when saved may point at a private address later.
import { checkOutboundUrl } from '../../lib/address-guard.js';

export async function proxyAllowedAtConnect(proxyUrl: string): Promise<boolean> {
  let host: string;
  try {
    host = new URL(proxyUrl).host;
  } catch {
    return false;
  }
  const check = await checkOutboundUrl(`http://${host}/`, false);
  // A name that does not resolve is not refused here: the connection itself then fails as unreachable.
  return check.ok || check.reason !== 'private';
}

// A session's proxy_url is an outbound destination chosen by the caller, so it gets the same
// private-address guard as webhooks and media URLs when it is saved (clear 400 URL_NOT_ALLOWED),
// unless the operator allows private URLs. The connect-time check belongs to the proxy's use.
import { checkOutboundUrl } from '../../lib/address-guard.js';
import { InvalidError } from '../errors.js';

export async function assertProxyAllowed(
  proxyUrl: string | null | undefined,
  allowPrivateUrls: boolean,
  field: string,
): Promise<void> {
  if (!proxyUrl || allowPrivateUrls) return;
  // The schema already checked it parses with an http/https/socks5 scheme; only its host matters here.
  const check = await checkOutboundUrl(`http://${new URL(proxyUrl).host}/`, false);
  // A name that does not resolve now is not refused: the proxy may be reachable later, and the
  // connect-time check resolves it again.
  if (!check.ok && check.reason === 'private') {
    throw new InvalidError(
      `${field}: proxy refused: ${check.message}; set WAGATE_ALLOW_PRIVATE_URLS=1 to allow private proxies`,
      { code: 'URL_NOT_ALLOWED', field },
    );
  }
}

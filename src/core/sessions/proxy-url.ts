// A session's proxy_url may carry credentials (`socks5://user:pass@host:port`). They are sealed at
// rest (the session repository) and never shown: every answer carries the masked form, and a
// masked URL sent back unchanged (a client that PATCHes the settings it read) keeps the stored one.
import type { SessionSettings } from './session.types.js';

const MASK = '****';

/** The URL with its password replaced by ****; the URL itself when it has none or does not parse. */
export function maskProxyUrl(url: string): string {
  try {
    const parsed = new URL(url);
    if (!parsed.password) return url;
    parsed.password = MASK;
    return parsed.toString().replace(/\/$/, '');
  } catch {
    return url;
  }
}

/** Settings as every surface shows them: the proxy's password masked. */
export function publicSettings(settings: SessionSettings): SessionSettings {
  return settings.proxy_url ? { ...settings, proxy_url: maskProxyUrl(settings.proxy_url) } : settings;
}

/** The proxy_url to store for an update: the current one when the caller sent back its masked form. */
export function proxyUrlToStore(next: string | null | undefined, current: string | null): string | null | undefined {
  if (next && current && next !== current && next === maskProxyUrl(current)) return current;
  return next;
}

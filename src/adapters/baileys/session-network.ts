// The network path of one session's connection: direct, or through its proxy (HTTP CONNECT for
// http:// and https:// proxies, SOCKS5 for socks5://). The WhatsApp WebSocket and media uploads use
// a node http.Agent (https-proxy-agent / socks-proxy-agent); media downloads use an undici
// dispatcher (undici's ProxyAgent, which speaks both). Built anew for every connection, so a changed
// proxy applies at the next connect, and closed with it, so no agent outlives its connection.
import type { ClientRequest, Agent as HttpAgent } from 'node:http';
import { Agent as HttpsAgent } from 'node:https';
import { rootCertificates } from 'node:tls';
import { HttpsProxyAgent } from 'https-proxy-agent';
import { SocksProxyAgent } from 'socks-proxy-agent';
import { Agent as UndiciAgent, type Dispatcher, ProxyAgent } from 'undici';
import { guardedLookup } from '../../lib/address-guard.js';

export interface SessionNetwork {
  /** For the WhatsApp WebSocket (Baileys' `agent`); undefined = direct. */
  wsAgent?: HttpAgent;
  /** For media uploads through node:https (Baileys' `fetchAgent`). */
  uploadAgent?: HttpAgent;
  /** For media downloads through fetch (Baileys' `options.dispatcher` and wagate's inbound media). */
  downloads: Dispatcher;
  /** Whether a proxy carries this connection (its errors then name the proxy). */
  proxied: boolean;
  close(): Promise<void>;
}

export interface SessionNetworkOptions {
  proxyUrl: string | null;
  /** Extra CAs for media hosts (the simulator's), on top of the system roots. */
  extraCaPem?: string[] | undefined;
  /** Direct downloads connect only to public addresses unless private URLs are allowed. */
  allowPrivateUrls: boolean;
}

export function createSessionNetwork(options: SessionNetworkOptions): SessionNetwork {
  const ca = options.extraCaPem?.length ? [...rootCertificates, ...options.extraCaPem] : undefined;
  const tls = ca ? { ca } : {};
  if (!options.proxyUrl) {
    const uploadAgent = ca ? new HttpsAgent({ ca, keepAlive: true }) : undefined;
    const downloads = new UndiciAgent({
      connections: 4,
      connect: { ...(options.allowPrivateUrls ? {} : { lookup: guardedLookup }), ...tls },
    });
    return {
      ...(uploadAgent ? { uploadAgent } : {}),
      downloads,
      proxied: false,
      async close() {
        uploadAgent?.destroy();
        await downloads.close();
      },
    };
  }
  const proxyUrl = options.proxyUrl;
  // One agent for the WebSocket and uploads: both are node http(s) requests through the proxy.
  const agent: HttpAgent = proxyUrl.startsWith('socks')
    ? new SocksAgentWithCa(proxyUrl, ca)
    : new HttpAgentWithCa(proxyUrl, ca);
  const downloads = new ProxyAgent({ uri: proxyUrl, ...(ca ? { requestTls: { ca } } : {}) });
  return {
    wsAgent: agent,
    uploadAgent: agent,
    downloads,
    proxied: true,
    async close() {
      agent.destroy();
      await downloads.close();
    },
  };
}

/*
 * The proxy agents open the TLS session with the destination from the request's own options only
 * (Baileys' upload request names no CA), so extra CAs are added to those options here.
 */
type ConnectOpts = Parameters<HttpsProxyAgent<string>['connect']>[1];

class SocksAgentWithCa extends SocksProxyAgent {
  constructor(
    proxyUrl: string,
    private readonly extraCa: string[] | undefined,
  ) {
    super(proxyUrl, { timeout: 20_000 });
  }
  override connect(req: ClientRequest, opts: ConnectOpts) {
    return super.connect(req, this.extraCa && opts.secureEndpoint ? { ...opts, ca: this.extraCa } : opts);
  }
}

class HttpAgentWithCa extends HttpsProxyAgent<string> {
  constructor(
    proxyUrl: string,
    private readonly extraCa: string[] | undefined,
  ) {
    super(proxyUrl, { keepAlive: true });
  }
  override connect(req: ClientRequest, opts: ConnectOpts) {
    return super.connect(req, this.extraCa && opts.secureEndpoint ? { ...opts, ca: this.extraCa } : opts);
  }
}

export type ProxyErrorCode = 'PROXY_AUTH_FAILED' | 'PROXY_UNREACHABLE';

/** Errors of reaching the proxy itself, or of the proxy refusing the tunnel. */
const UNREACHABLE_ERRNO = new Set([
  'ECONNREFUSED',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/**
 * What went wrong with a proxied connection, from the WebSocket's error: 407 or a SOCKS5
 * authentication failure → PROXY_AUTH_FAILED; the proxy not answering, or refusing the tunnel
 * (a 5xx to CONNECT, a SOCKS5 rejection, a SOCKS timeout) → PROXY_UNREACHABLE; null otherwise.
 */
export function proxyErrorCode(err: unknown): ProxyErrorCode | null {
  if (!err || typeof err !== 'object') return null;
  const { message, code } = err as { message?: unknown; code?: unknown };
  const text = typeof message === 'string' ? message : '';
  if (/Unexpected server response: 407|Authentication failed|authentication/i.test(text)) return 'PROXY_AUTH_FAILED';
  if (typeof code === 'string' && UNREACHABLE_ERRNO.has(code)) return 'PROXY_UNREACHABLE';
  // The SOCKS client reports a refused proxy in its message only.
  if ([...UNREACHABLE_ERRNO].some((errno) => text.includes(errno))) return 'PROXY_UNREACHABLE';
  if (/Unexpected server response: 5\d\d|Socks5 proxy rejected|Proxy connection timed out|socks/i.test(text))
    return 'PROXY_UNREACHABLE';
  return null;
}

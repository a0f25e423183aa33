// Fetches media URLs given by clients, with undici: one Agent (keep-alive pools), a whole-request
// time limit that also bounds reading the body, a bounded number of redirects (each hop checked
// again), an early 413 when Content-Length is over the kind's limit, and the private-address guard
// twice: on the URL (clear 400 for the user) and at connect time after DNS (rebinding), unless the
// operator allows private URLs. The byte limit itself is enforced by whoever reads the body.
import { rootCertificates } from 'node:tls';
import { Agent } from 'undici';
import { InvalidError, TooLargeError, UpstreamError } from '../../core/errors.js';
import type { FetchedMedia, MediaFetcher } from '../../core/media/media.ports.js';
import { formatLimit } from '../../core/media/media.rules.js';
import { checkOutboundUrl } from '../../lib/address-guard.js';
import { guardedLookup } from '../../lib/address-guard.js';

export interface UndiciMediaFetcherOptions {
  allowPrivateUrls: boolean;
  /** Whole request, body included. */
  timeoutMs: number;
  maxRedirects?: number;
  /** Extra CA certificates to trust besides the public ones (e.g. the simulator's media host). */
  extraCaPem?: string[];
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

function fileNameFrom(disposition: string | null, url: URL): string | null {
  const star = disposition ? /filename\*\s*=\s*(?:UTF-8'')?([^;]+)/i.exec(disposition) : null;
  const plain = disposition ? /filename\s*=\s*"?([^";]+)"?/i.exec(disposition) : null;
  let name: string | null = null;
  try {
    name = star?.[1]
      ? decodeURIComponent(star[1].trim())
      : (plain?.[1]?.trim() ?? decodeURIComponent(url.pathname.split('/').pop() ?? ''));
  } catch {
    name = null;
  }
  // Only a plain base name, never a path; nothing at all when empty.
  const base =
    name
      ?.split(/[\\/]/)
      .pop()
      ?.replace(/[\u0000-\u001f\u007f]/g, '')
      .slice(0, 255) ?? '';
  return base === '' ? null : base;
}

/** Drops an answer's body we will not read (an abort must not surface as an unhandled error). */
function discard(body: { on(event: 'error', fn: () => void): unknown; destroy(): unknown }): void {
  body.on('error', () => undefined);
  body.destroy();
}

function describe(err: unknown): string {
  if (err instanceof Error) {
    const cause = err.cause instanceof Error ? `: ${err.cause.message}` : '';
    return `${err.message}${cause}`.slice(0, 300);
  }
  return String(err).slice(0, 300);
}

/** The guard's own message (which names WAGATE_ALLOW_PRIVATE_URLS) when `err` is a refused private address. */
function privateRefusal(err: unknown): string | null {
  for (let e: unknown = err; e instanceof Error; e = e.cause)
    if ((e as { code?: unknown }).code === 'PRIVATE_ADDRESS') return e.message;
  return null;
}

export class UndiciMediaFetcher implements MediaFetcher {
  private readonly agent: Agent;

  constructor(private readonly options: UndiciMediaFetcherOptions) {
    this.agent = new Agent({
      connections: 16,
      connect: {
        timeout: Math.min(10_000, options.timeoutMs),
        ...(options.allowPrivateUrls ? {} : { lookup: guardedLookup }),
        ...(options.extraCaPem?.length ? { ca: [...rootCertificates, ...options.extraCaPem] } : {}),
      },
    });
  }

  async fetch(raw: string, { maxBytes, field }: { maxBytes: number; field: string }): Promise<FetchedMedia> {
    const signal = AbortSignal.timeout(this.options.timeoutMs);
    let current = raw;
    for (let hop = 0; hop <= (this.options.maxRedirects ?? 5); hop++) {
      const check = await checkOutboundUrl(current, this.options.allowPrivateUrls);
      if (!check.ok) {
        if (check.reason === 'private')
          throw new InvalidError(`${field}: ${check.message}`, { code: 'URL_NOT_ALLOWED', field });
        if (check.reason === 'unresolvable')
          throw new UpstreamError('MEDIA_FETCH_FAILED', `${field}: ${check.message}`, { field });
        throw new InvalidError(`${field}: ${check.message}`, { field });
      }
      const url = check.url;
      let res;
      try {
        res = await this.agent.request({
          origin: url.origin,
          path: `${url.pathname}${url.search}`,
          method: 'GET',
          signal,
          headers: { 'user-agent': 'wagate-media/1' },
        });
      } catch (err) {
        const refused = privateRefusal(err);
        if (refused) throw new InvalidError(`${field}: ${refused}`, { code: 'URL_NOT_ALLOWED', field, cause: err });
        const timedOut = signal.aborted;
        throw new UpstreamError(
          'MEDIA_FETCH_FAILED',
          `${field}: ${timedOut ? 'the media URL did not answer in time' : `fetching the media URL failed (${describe(err)})`}`,
          { field, cause: err },
        );
      }
      const header = (name: string): string | null => {
        const v = res.headers[name];
        return Array.isArray(v) ? (v[0] ?? null) : (v ?? null);
      };
      if (REDIRECTS.has(res.statusCode)) {
        discard(res.body);
        const location = header('location');
        if (!location)
          throw new UpstreamError('MEDIA_FETCH_FAILED', `${field}: redirect without a Location`, { field });
        try {
          current = new URL(location, url).toString();
        } catch {
          throw new UpstreamError('MEDIA_FETCH_FAILED', `${field}: redirect to an invalid Location`, { field });
        }
        continue;
      }
      if (res.statusCode < 200 || res.statusCode > 299) {
        discard(res.body);
        throw new UpstreamError('MEDIA_FETCH_FAILED', `${field}: the media URL answered HTTP ${res.statusCode}`, {
          field,
          context: { status: res.statusCode },
        });
      }
      const length = Number(header('content-length') ?? NaN);
      if (Number.isFinite(length) && length > maxBytes) {
        discard(res.body);
        throw new TooLargeError(
          'MEDIA_TOO_LARGE',
          `${field}: the file (${length} bytes) is larger than the limit of ${formatLimit(maxBytes)}`,
          { field, context: { limit: maxBytes } },
        );
      }
      return {
        body: res.body,
        contentType: header('content-type'),
        fileName: fileNameFrom(header('content-disposition'), url),
      };
    }
    throw new UpstreamError('MEDIA_FETCH_FAILED', `${field}: too many redirects`, { field });
  }

  async close(): Promise<void> {
    await this.agent.close();
  }
}

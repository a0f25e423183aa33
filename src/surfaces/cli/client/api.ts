// The HTTP client the terminal commands use: a running server's public /v1 API, nothing else.
// Errors become ClientError with the server's code and message, or a plain sentence when the
// server cannot be reached, so every command fails with one clear line.

export class ClientError extends Error {
  constructor(
    message: string,
    readonly code: string,
    readonly status: number | null,
  ) {
    super(message);
    this.name = 'ClientError';
  }
}

export interface ApiClient {
  readonly baseUrl: string;
  call(
    method: 'GET' | 'POST' | 'DELETE' | 'PATCH',
    path: string,
    body?: unknown,
    headers?: Record<string, string>,
    // biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field where used
  ): Promise<any>;
}

export function createApiClient(baseUrl: string, token: string, fetchImpl: typeof fetch = fetch): ApiClient {
  const base = baseUrl.replace(/\/+$/, '');
  return {
    baseUrl: base,
    async call(method, path, body, headers = {}) {
      let res: Response;
      try {
        res = await fetchImpl(`${base}${path}`, {
          method,
          headers: {
            ...headers,
            authorization: `Bearer ${token}`,
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
        });
      } catch (err) {
        const cause = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
        throw new ClientError(
          `cannot reach the wagate server at ${base} (${cause}); is it running? (--url / WAGATE_URL)`,
          'UNREACHABLE',
          null,
        );
      }
      const text = await res.text();
      let parsed: unknown;
      try {
        parsed = text ? JSON.parse(text) : undefined;
      } catch {
        parsed = undefined;
      }
      if (!res.ok) {
        const e = (parsed as { error?: { code?: string; message?: string; field?: string | null } } | undefined)?.error;
        const field = e?.field ? ` (field: ${e.field})` : '';
        throw new ClientError(
          `${e?.code ?? `HTTP_${res.status}`}: ${e?.message ?? (text.slice(0, 200) || res.statusText)}${field}`,
          e?.code ?? `HTTP_${res.status}`,
          res.status,
        );
      }
      return parsed;
    },
  };
}

// The dashboard's only way to the server: the public /v1 API with the token kept in
// sessionStorage (never in a URL), plus the live event stream read with fetch (EventSource cannot
// send an Authorization header).
const TOKEN_KEY = 'wagate.token';

export const getToken = () => sessionStorage.getItem(TOKEN_KEY);
export const setToken = (t) => sessionStorage.setItem(TOKEN_KEY, t);
export const clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

export class ApiError extends Error {
  constructor(status, body) {
    const e = body && body.error ? body.error : { code: 'HTTP_' + status, message: 'Request failed (' + status + ')' };
    super(e.field ? e.message + ' (field: ' + e.field + ')' : e.message);
    this.status = status;
    this.code = e.code;
    this.field = e.field ?? null;
  }
}

/** Listeners told when the token stops working (401), so the app shows sign-in again. */
const unauthorized = new Set();
export const onUnauthorized = (fn) => (unauthorized.add(fn), () => unauthorized.delete(fn));

/** The last X-RateLimit-* headers seen: "usage against limits" for the API. */
export const rateLimit = { limit: null, remaining: null, reset: null };

export async function api(method, path, body, opts = {}) {
  const headers = { authorization: 'Bearer ' + (opts.token ?? getToken() ?? '') };
  let payload;
  if (body instanceof Blob) {
    payload = body;
    headers['content-type'] = body.type || 'application/octet-stream';
  } else if (body !== undefined) {
    payload = JSON.stringify(body);
    headers['content-type'] = 'application/json';
  }
  const res = await fetch(path, { method, headers, body: payload });
  if (res.headers.has('x-ratelimit-limit')) {
    rateLimit.limit = Number(res.headers.get('x-ratelimit-limit'));
    rateLimit.remaining = Number(res.headers.get('x-ratelimit-remaining'));
    rateLimit.reset = Number(res.headers.get('x-ratelimit-reset'));
  }
  if (opts.raw) return res;
  const json = res.status === 204 ? null : await res.json().catch(() => null);
  if (!res.ok) {
    if (res.status === 401 && !opts.token) unauthorized.forEach((fn) => fn());
    throw new ApiError(res.status, json);
  }
  return json;
}

/**
 * Follows GET /v1/events (Server-Sent Events) and calls onEvent(event) for each; reconnects with
 * Last-Event-ID after a drop. Returns a stop function.
 */
export function followEvents(query, onEvent, onState = () => {}) {
  const controller = new AbortController();
  let lastId = null;
  let stopped = false;
  const run = async () => {
    while (!stopped) {
      try {
        const headers = { authorization: 'Bearer ' + getToken(), accept: 'text/event-stream' };
        if (lastId) headers['last-event-id'] = lastId;
        const res = await fetch('/v1/events' + (query ? '?' + query : ''), { headers, signal: controller.signal });
        if (res.status === 401) return unauthorized.forEach((fn) => fn());
        if (!res.ok || !res.body) throw new Error('stream ' + res.status);
        onState('live');
        await readStream(res.body, (id, data) => {
          if (id) lastId = id;
          try {
            onEvent(JSON.parse(data));
          } catch {
            /* a malformed frame is skipped */
          }
        });
      } catch {
        /* dropped: retry below */
      }
      if (stopped) return;
      onState('reconnecting');
      await new Promise((r) => setTimeout(r, 2000));
    }
  };
  run();
  return () => {
    stopped = true;
    controller.abort();
  };
}

async function readStream(body, onMessage) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffer = '';
  for (;;) {
    const { value, done } = await reader.read();
    if (done) return;
    buffer += value;
    let cut;
    while ((cut = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, cut);
      buffer = buffer.slice(cut + 2);
      let id = null;
      const data = [];
      for (const line of block.split('\n')) {
        if (line.startsWith('id: ')) id = line.slice(4);
        else if (line.startsWith('data: ')) data.push(line.slice(6));
      }
      if (data.length) onMessage(id, data.join('\n'));
    }
  }
}

/** An authenticated file (QR PNG, media) as an object URL for <img>. */
export async function objectUrl(path) {
  const res = await api('GET', path, undefined, { raw: true });
  if (!res.ok) throw new ApiError(res.status, await res.json().catch(() => null));
  return URL.createObjectURL(await res.blob());
}

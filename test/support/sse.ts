// A live-event client for end-to-end tests: GET /v1/events (Server-Sent Events) over real HTTP,
// collecting every event so a test can wait for one that matches.
import { request, type IncomingMessage } from 'node:http';

export interface StreamedEvent {
  id: string;
  type: string;
  /** The event JSON as the stream sends it (`{id, type, session_id, data, …}`). */
  event: { id: string; type: string; session_id: string | null; data: Record<string, unknown> };
}

export interface EventStreamClient {
  readonly events: StreamedEvent[];
  /** Resolves with the first event (seen or to come) for which `match` holds; rejects after timeoutMs. */
  waitFor(what: string, match: (e: StreamedEvent) => boolean, timeoutMs?: number): Promise<StreamedEvent>;
  close(): void;
}

export function openEventStream(base: string, token: string, path = '/v1/events'): Promise<EventStreamClient> {
  return new Promise((resolve, reject) => {
    const events: StreamedEvent[] = [];
    const listeners = new Set<() => void>();
    let buf = '';
    const req = request(`${base}${path}`, { headers: { authorization: `Bearer ${token}` } }, (res: IncomingMessage) => {
      if (res.statusCode !== 200) return reject(new Error(`event stream: status ${res.statusCode}`));
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        buf += chunk;
        for (let i = buf.indexOf('\n\n'); i >= 0; i = buf.indexOf('\n\n')) {
          const block = buf.slice(0, i);
          buf = buf.slice(i + 2);
          const fields = new Map<string, string>();
          for (const line of block.split('\n')) {
            if (line.startsWith(':') || !line.includes(':')) continue;
            fields.set(line.slice(0, line.indexOf(':')), line.slice(line.indexOf(':') + 2));
          }
          const data = fields.get('data');
          if (data)
            events.push({ id: fields.get('id') ?? '', type: fields.get('event') ?? '', event: JSON.parse(data) });
        }
        for (const l of listeners) l();
      });
      resolve({
        events,
        waitFor: (what, match, timeoutMs = 20_000) =>
          new Promise((ok, fail) => {
            const check = () => {
              const found = events.find(match);
              if (!found) return;
              listeners.delete(check);
              clearTimeout(timer);
              ok(found);
            };
            const timer = setTimeout(() => {
              listeners.delete(check);
              fail(new Error(`event stream: timed out waiting for ${what} (${events.length} events seen)`));
            }, timeoutMs);
            listeners.add(check);
            check();
          }),
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
    req.end();
  });
}

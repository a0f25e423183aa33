// A real local HTTP receiver for webhook tests: records every request, can answer an error status
// N times, can be taken down (connections refused) and brought back on the same port, and can
// wait until a condition on the recorded requests holds.
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedRequest {
  method: string;
  path: string;
  headers: IncomingHttpHeaders;
  body: string;
  /** JSON-parsed body, or undefined when it is not JSON. */
  json: unknown;
  receivedAt: number;
  /** The status this receiver answered. */
  status: number;
}

export interface Receiver {
  readonly url: string;
  readonly port: number;
  /** Every request received, in arrival order (including those answered with an error). */
  readonly requests: ReceivedRequest[];
  /** Answer the next `count` requests with `status` (default 500). */
  failNext(count: number, status?: number): void;
  /** Delay every answer by `ms`. */
  setDelay(ms: number): void;
  /** Close the listener and all connections: requests are refused until up(). */
  down(): Promise<void>;
  /** Listen again on the same port. */
  up(): Promise<void>;
  /** Resolves when `predicate(requests)` holds; rejects after timeoutMs. */
  waitFor(predicate: (requests: ReceivedRequest[]) => boolean, timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export async function startReceiver(port = 0): Promise<Receiver> {
  const requests: ReceivedRequest[] = [];
  const waiters = new Set<() => void>();
  let failures = 0;
  let failStatus = 500;
  let delayMs = 0;
  const sockets = new Set<Socket>();

  const handler = (req: import('node:http').IncomingMessage, res: import('node:http').ServerResponse): void => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      let json: unknown;
      try {
        json = JSON.parse(body);
      } catch {
        json = undefined;
      }
      let status = 200;
      if (failures > 0) {
        failures -= 1;
        status = failStatus;
      }
      requests.push({
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body,
        json,
        receivedAt: Date.now(),
        status,
      });
      const answer = () => {
        res
          .writeHead(status, { 'content-type': 'text/plain' })
          .end(status === 200 ? 'ok' : `failing on purpose (${status})`);
        for (const w of waiters) w();
      };
      if (delayMs > 0) setTimeout(answer, delayMs);
      else answer();
    });
  };

  let server: Server = createServer(handler);
  const track = (s: Server) =>
    s.on('connection', (sock) => {
      sockets.add(sock);
      sock.on('close', () => sockets.delete(sock));
    });
  track(server);
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const actualPort = (server.address() as AddressInfo).port;

  const closeServer = async () => {
    const s = server;
    await new Promise<void>((resolve) => {
      s.close(() => resolve());
      for (const sock of sockets) sock.destroy();
    });
  };

  return {
    url: `http://127.0.0.1:${actualPort}/hook`,
    port: actualPort,
    requests,
    failNext(count, status = 500) {
      failures = count;
      failStatus = status;
    },
    setDelay(ms) {
      delayMs = ms;
    },
    down: closeServer,
    async up() {
      server = createServer(handler);
      track(server);
      await new Promise<void>((resolve) => server.listen(actualPort, '127.0.0.1', resolve));
    },
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise<void>((resolve, reject) => {
        if (predicate(requests)) return resolve();
        const check = () => {
          if (predicate(requests)) {
            cleanup();
            resolve();
          }
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(
            new Error(`receiver: condition not met within ${timeoutMs} ms (${requests.length} requests received)`),
          );
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
      });
    },
    close: closeServer,
  };
}

// Proxies on loopback for the per-session proxy tests, each counting the tunnels it opened (by the
// user that authenticated, and the destination): an HTTP CONNECT proxy (the `proxy` package, with
// Basic auth) and a small SOCKS5 server (RFC 1928 CONNECT with RFC 1929 username/password).
import { createServer as createHttpServer, type IncomingMessage } from 'node:http';
import { connect, createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { createProxy } from 'proxy';

export interface Tunnel {
  user: string;
  /** host:port the client asked to reach. */
  target: string;
}

export interface TestProxy {
  /** http://user:pass@127.0.0.1:port or socks5://… */
  url(user: string, password: string): string;
  readonly port: number;
  /** Tunnels opened (authentication passed), in order. */
  readonly tunnels: Tunnel[];
  /** Attempts refused for bad credentials. */
  readonly refused: number;
  close(): Promise<void>;
}

/** An HTTP proxy answering CONNECT for any user whose password is `passwords[user]`. */
export async function startHttpConnectProxy(passwords: Record<string, string>): Promise<TestProxy> {
  const server = createProxy(createHttpServer());
  const tunnels: Tunnel[] = [];
  let refused = 0;
  server.authenticate = (req: IncomingMessage) => {
    const header = req.headers['proxy-authorization'] ?? '';
    const [user = '', password = ''] = Buffer.from(header.replace(/^Basic /i, ''), 'base64')
      .toString('utf8')
      .split(':');
    const ok = passwords[user] !== undefined && passwords[user] === password;
    if (ok) tunnels.push({ user, target: req.url ?? '' });
    else refused++;
    return ok;
  };
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const sockets = new Set<Socket>();
  server.on('connection', (s: Socket) => (sockets.add(s), s.on('close', () => sockets.delete(s))));
  return {
    url: (user, password) => `http://${user}:${password}@127.0.0.1:${port}`,
    port,
    tunnels,
    get refused() {
      return refused;
    },
    close: () => closeServer(server, sockets),
  };
}

/** A SOCKS5 server (CONNECT only) requiring username/password authentication. */
export async function startSocks5Proxy(passwords: Record<string, string>): Promise<TestProxy> {
  const tunnels: Tunnel[] = [];
  let refused = 0;
  const sockets = new Set<Socket>();
  const server = createServer((client) => {
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => client.destroy());
    let user = '';
    let buffered = Buffer.alloc(0);
    let stage: 'greeting' | 'auth' | 'request' = 'greeting';
    const onData = (chunk: Buffer) => {
      buffered = Buffer.concat([buffered, chunk]);
      if (stage === 'greeting') {
        if (buffered.length < 2 || buffered.length < 2 + (buffered[1] ?? 0)) return;
        const methods = buffered.subarray(2, 2 + (buffered[1] ?? 0));
        buffered = buffered.subarray(2 + (buffered[1] ?? 0));
        if (!methods.includes(0x02)) return void client.end(Buffer.from([5, 0xff]));
        client.write(Buffer.from([5, 0x02]));
        stage = 'auth';
      }
      if (stage === 'auth') {
        const ulen = buffered[1];
        if (ulen === undefined || buffered.length < 3 + ulen) return;
        const plen = buffered[2 + ulen];
        if (plen === undefined || buffered.length < 3 + ulen + plen) return;
        user = buffered.subarray(2, 2 + ulen).toString('utf8');
        const password = buffered.subarray(3 + ulen, 3 + ulen + plen).toString('utf8');
        buffered = buffered.subarray(3 + ulen + plen);
        if (passwords[user] === undefined || passwords[user] !== password) {
          refused++;
          return void client.end(Buffer.from([1, 1]));
        }
        client.write(Buffer.from([1, 0]));
        stage = 'request';
      }
      if (stage === 'request') {
        const target = parseConnectRequest(buffered);
        if (!target) return;
        client.off('data', onData);
        tunnels.push({ user, target: `${target.host}:${target.port}` });
        const upstream = connect(target.port, target.host, () => {
          client.write(Buffer.from([5, 0, 0, 1, 0, 0, 0, 0, 0, 0]));
          if (target.rest.length) upstream.write(target.rest);
          client.pipe(upstream).pipe(client);
        });
        upstream.on('error', () => client.end(Buffer.from([5, 5, 0, 1, 0, 0, 0, 0, 0, 0])));
        client.on('close', () => upstream.destroy());
      }
    };
    client.on('data', onData);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return {
    url: (u, p) => `socks5://${u}:${p}@127.0.0.1:${port}`,
    port,
    tunnels,
    get refused() {
      return refused;
    },
    close: () => closeServer(server, sockets),
  };
}

/** VER CMD RSV ATYP DST.ADDR DST.PORT; null until complete. Only CONNECT (1) is expected. */
function parseConnectRequest(b: Buffer): { host: string; port: number; rest: Buffer } | null {
  if (b.length < 5) return null;
  const atyp = b[3];
  let host: string;
  let at: number;
  if (atyp === 1) {
    if (b.length < 10) return null;
    host = [...b.subarray(4, 8)].join('.');
    at = 8;
  } else if (atyp === 3) {
    const len = b[4] ?? 0;
    if (b.length < 5 + len + 2) return null;
    host = b.subarray(5, 5 + len).toString('utf8');
    at = 5 + len;
  } else if (atyp === 4) {
    if (b.length < 22) return null;
    host = (b.subarray(4, 20).toString('hex').match(/.{4}/g) ?? []).join(':');
    at = 20;
  } else {
    throw new Error(`SOCKS5 address type ${atyp}`);
  }
  return { host, port: b.readUInt16BE(at), rest: b.subarray(at + 2) };
}

function closeServer(server: Server, sockets: Set<Socket>): Promise<void> {
  for (const s of sockets) s.destroy();
  return new Promise((resolve) => server.close(() => resolve()));
}

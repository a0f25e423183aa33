// A loopback TCP proxy for fault tests: forwards bytes both ways, and can freeze the connections it
// carries (sockets stay open, nothing passes) to make a "zombie" connection, the failure peers'
// gateways fail to notice, or cut them (reset both sides, as a network drop does). New connections
// after a freeze or a cut pass normally.
import { createServer, connect, type AddressInfo, type Socket } from 'node:net';

export interface TcpProxy {
  port: number;
  /** Stop forwarding on every current connection, keeping the sockets open. */
  freezeAll(): void;
  /** Reset every current connection (both sides see the socket die mid-stream); returns how many. */
  cutAll(): number;
  close(): Promise<void>;
}

export async function startTcpProxy(targetPort: number, targetHost = '127.0.0.1'): Promise<TcpProxy> {
  const pairs = new Set<{ client: Socket; upstream: Socket; frozen: boolean }>();
  const server = createServer((client) => {
    const upstream = connect(targetPort, targetHost);
    const pair = { client, upstream, frozen: false };
    pairs.add(pair);
    client.on('data', (d) => {
      if (!pair.frozen) upstream.write(d);
    });
    upstream.on('data', (d) => {
      if (!pair.frozen) client.write(d);
    });
    const end = () => {
      pairs.delete(pair);
      client.destroy();
      upstream.destroy();
    };
    client.on('close', end).on('error', end);
    upstream.on('close', end).on('error', end);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    freezeAll() {
      for (const p of pairs) p.frozen = true;
    },
    cutAll() {
      const cut = pairs.size;
      for (const p of [...pairs]) {
        p.client.resetAndDestroy();
        p.upstream.resetAndDestroy();
      }
      return cut;
    },
    async close() {
      for (const p of pairs) {
        p.client.destroy();
        p.upstream.destroy();
      }
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

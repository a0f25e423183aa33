/**
 * The simulated media CDN (design §8.2): an HTTPS server with the simulator's own CA.
 *
 *   POST /mms/<type>/<encSha256 b64url>?auth=…&token=…   body = ciphertext+MAC  → {url, direct_path}
 *   GET  /v/t62.…/<id>.enc?…   (Range: bytes=a-b honoured, 206)                 → the stored bytes
 *
 * Uploads must carry the media_conn `auth` and hash to the sha256 in their path, as WhatsApp checks.
 */
import { createHash } from 'node:crypto';
import { createServer, type Server } from 'node:https';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { MediaCerts } from './certs.js';
import type { MediaStore } from './store.js';

/** Largest upload accepted (WhatsApp's document limit is 2 GB; tests never get close). */
export const MAX_UPLOAD_BYTES = 128 * 1024 * 1024;

const UPLOAD = /^\/mms\/([a-z-]+)\/([A-Za-z0-9_-]+)$/;

export interface MediaHost {
  port: number;
  /** `host:port` as media_conn announces it. */
  hostname: string;
  close(): Promise<void>;
}

function reply(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

const b64url = (b: Buffer): string => b.toString('base64').replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');

async function readBody(req: IncomingMessage): Promise<Buffer | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_UPLOAD_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
}

async function upload(
  store: MediaStore,
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  type: string,
  hash: string,
): Promise<void> {
  if (url.searchParams.get('auth') !== store.auth) return reply(res, 401, { error: 'bad auth' });
  const body = await readBody(req);
  if (!body) return reply(res, 413, { error: 'too large' });
  if (b64url(createHash('sha256').update(body).digest()) !== hash) return reply(res, 400, { error: 'hash mismatch' });
  reply(res, 200, store.put(type, body));
}

/** `bytes=a-b`, `bytes=a-`, `bytes=-n` → [start, end] inclusive; null when unsatisfiable. */
export function parseRange(header: string, size: number): [number, number] | null {
  const m = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!m || (m[1] === '' && m[2] === '')) return null;
  let start: number, end: number;
  if (m[1] === '') {
    start = Math.max(0, size - Number(m[2]));
    end = size - 1;
  } else {
    start = Number(m[1]);
    end = m[2] === '' ? size - 1 : Math.min(Number(m[2]), size - 1);
  }
  return start <= end && start < size ? [start, end] : null;
}

function download(store: MediaStore, req: IncomingMessage, res: ServerResponse, path: string): void {
  const blob = store.get(path);
  if (!blob) return reply(res, 404, { error: 'not found' });
  const head = { 'content-type': 'application/octet-stream', 'accept-ranges': 'bytes' };
  const range = req.headers.range;
  if (range) {
    const r = parseRange(range, blob.length);
    if (!r) {
      res.writeHead(416, { ...head, 'content-range': `bytes */${blob.length}` });
      return void res.end();
    }
    res.writeHead(206, {
      ...head,
      'content-range': `bytes ${r[0]}-${r[1]}/${blob.length}`,
      'content-length': r[1] - r[0] + 1,
    });
    return void res.end(req.method === 'HEAD' ? undefined : blob.subarray(r[0], r[1] + 1));
  }
  res.writeHead(200, { ...head, 'content-length': blob.length });
  res.end(req.method === 'HEAD' ? undefined : blob);
}

export async function startMediaHost(
  store: MediaStore,
  certs: MediaCerts,
  opts: { host: string; port?: number; shownHost: string; onError(err: unknown): void },
): Promise<MediaHost> {
  const server: Server = createServer({ cert: certs.server.certPem, key: certs.server.keyPem }, (req, res) => {
    const url = new URL(req.url ?? '/', 'https://media.invalid');
    const up = UPLOAD.exec(url.pathname);
    if (req.method === 'POST' && up) {
      upload(store, req, res, url, up[1]!, up[2]!).catch((err: unknown) => {
        opts.onError(err);
        if (!res.headersSent) reply(res, 500, { error: 'upload failed' });
      });
      return;
    }
    if ((req.method === 'GET' || req.method === 'HEAD') && url.pathname.startsWith('/v/'))
      return download(store, req, res, url.pathname);
    reply(res, 404, { error: 'not found' });
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, opts.host, () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const hostname = `${opts.shownHost}:${port}`;
  store.hostname = hostname;
  return {
    port,
    hostname,
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

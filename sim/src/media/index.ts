/**
 * Stage 5 (design §8.2): the media CDN. `startMedia` issues (or reloads) the CA and server
 * certificate, opens the HTTPS host and hands the simulator its blob store (media_conn, the phones).
 */
import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Simulator } from '../server/simulator.js';
import { loadOrCreateCerts } from './certs.js';
import { startMediaHost } from './host.js';
import { MediaStore } from './store.js';

export { MediaStore } from './store.js';

export interface RunningMedia {
  caPem: string;
  caPath: string;
  hostname: string;
  close(): Promise<void>;
}

export async function startMedia(
  sim: Simulator,
  opts: { host: string; shownHost: string; dataDir?: string; port?: number },
): Promise<RunningMedia> {
  const hosts = [...new Set([opts.shownHost, '127.0.0.1', 'localhost', '::1'])];
  const certs = loadOrCreateCerts(opts.dataDir, hosts);
  // Stable per CA, so an upload authorised before a restart still is after it.
  const auth = createHash('sha256').update(certs.ca.keyPem).digest('base64').slice(0, 32);
  const store = new MediaStore(auth, opts.dataDir ? join(opts.dataDir, 'media') : undefined);
  let tmp: string | undefined;
  let caPath = certs.caPath;
  if (!caPath) {
    tmp = mkdtempSync(join(tmpdir(), 'wagate-sim-media-'));
    caPath = join(tmp, 'media-ca.pem');
    writeFileSync(caPath, certs.ca.certPem);
  }
  const start = (port: number | undefined): ReturnType<typeof startMediaHost> =>
    startMediaHost(store, certs, {
      host: opts.host,
      shownHost: opts.shownHost,
      ...(port ? { port } : {}),
      onError: (err) => sim.log.error({ err }, 'media host error'),
    });
  // Messages carry the media host's url, so a restarted simulator with a data dir takes the port it
  // had before when it is free (a free one otherwise).
  const portFile = opts.dataDir ? join(opts.dataDir, 'media-port') : undefined;
  const previous = !opts.port && portFile ? readPort(portFile) : undefined;
  const host = previous ? await start(previous).catch(() => start(undefined)) : await start(opts.port);
  if (portFile) writeFileSync(portFile, String(host.port));
  sim.media = store;
  return {
    caPem: certs.ca.certPem,
    caPath,
    hostname: host.hostname,
    close: async () => {
      await host.close();
      if (tmp) rmSync(tmp, { recursive: true, force: true });
    },
  };
}

function readPort(file: string): number | undefined {
  try {
    const port = Number(readFileSync(file, 'utf8').trim());
    return Number.isInteger(port) && port > 0 && port < 65536 ? port : undefined;
  } catch {
    return undefined;
  }
}

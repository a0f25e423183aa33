import { node as mk, type BinaryNode } from '../binary/index.js';
import { MAX_UPLOAD_BYTES } from '../media/host.js';
import type { Simulator } from './simulator.js';

/** Seconds Baileys may reuse the answer before asking again. */
const TTL = 21600;

/**
 * `<iq xmlns=w:m type=set><media_conn/></iq>` (design §8.2) → the upload/download host. Baileys
 * uploads to `hosts[0]` and also uses it as the default download host.
 */
export function mediaConn(sim: Simulator): BinaryNode[] | { error: { code: string; text: string } } {
  const media = sim.media;
  if (!media?.hostname) return { error: { code: '503', text: 'media host not running' } };
  return [
    mk('media_conn', { auth: media.auth, ttl: String(TTL), auth_ttl: String(TTL), max_buckets: '12' }, [
      mk('host', { hostname: media.hostname, maxContentLengthBytes: String(MAX_UPLOAD_BYTES) }),
    ]),
  ];
}

import { node as mk } from '../binary/index.js';
import type { HandshakeResult } from '../transport/noise.js';
import { deviceKey, type Session } from './session.js';
import type { Simulator } from './simulator.js';

/**
 * Login with saved credentials (design §5): the ClientPayload names the account (`username`) and the
 * device; the Noise static key must be the one recorded at pairing. Unknown device or another key →
 * `<failure reason=401/>` (Baileys: loggedOut). A second login of the same device replaces the
 * first, which gets `<stream:error><conflict type=replaced/>` (Baileys: 440).
 */
export function login(sim: Simulator, session: Session, { clientStatic, payload }: HandshakeResult): void {
  const pn = String(payload.username);
  const device = payload.device ?? 0;
  const account = sim.store.byPn(pn);
  const companion = account?.companions.find((c) => c.id === device);
  if (!account || !companion || !Buffer.from(companion.noiseKey, 'base64').equals(Buffer.from(clientStatic))) {
    sim.log.info({ pn, device, known: !!companion }, 'login refused');
    sim.send(session, mk('failure', { reason: '401', location: 'sim' }));
    session.conn.close();
    return;
  }
  const key = deviceKey(pn, device);
  const previous = sim.live.get(key);
  if (previous && previous !== session) {
    sim.live.delete(key);
    previous.conn.streamError(undefined, mk('conflict', { type: 'replaced' }));
  }
  session.pn = pn;
  session.device = device;
  sim.live.set(key, session);
  sim.stats.logins++;
  if (payload.pushName) {
    account.pushName = payload.pushName;
    sim.store.changed();
  }
  sim.send(
    session,
    mk('success', {
      t: String(Math.floor(Date.now() / 1000)),
      props: '1',
      abprops: '1',
      location: 'sim',
      creation: String(Math.floor(account.createdAt / 1000)),
      lid: `${account.lid}:${device}@lid`,
      display_name: account.pushName ?? '',
    }),
  );
}

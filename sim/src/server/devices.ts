import { formatJid, node as mk } from '../binary/index.js';
import type { AccountRecord } from '../state/types.js';
import { deviceKey } from './session.js';
import type { Simulator } from './simulator.js';

/** Accounts that exchanged messages, both ways: who must hear of a device-list change. */
export function notePeers(sim: Simulator, a: string, b: string): void {
  if (a === b) return;
  for (const [x, y] of [
    [a, b],
    [b, a],
  ] as const) {
    let set = sim.peers.get(x);
    if (!set) sim.peers.set(x, (set = new Set()));
    set.add(y);
  }
}

/**
 * A device was linked or removed: the online companions of the account itself and of its peers get
 * `<notification type=devices><update>` naming it (PN and LID forms), so Baileys drops its cached
 * device list and asks usync again before its next send. Offline clients start with an empty cache.
 */
export function notifyDeviceChange(sim: Simulator, account: AccountRecord, device: number): void {
  const audience = new Set([account.pn, ...(sim.peers.get(account.pn) ?? [])]);
  const node = () =>
    mk(
      'notification',
      {
        from: formatJid(account.pn, 's.whatsapp.net'),
        type: 'devices',
        id: sim.nextId(),
        t: String(Math.floor(Date.now() / 1000)),
      },
      [
        mk('update', {}, [
          mk('device', { jid: formatJid(account.pn, 's.whatsapp.net', device) }),
          mk('device', { jid: formatJid(account.lid, 'lid', device) }),
        ]),
      ],
    );
  for (const pn of audience) {
    const peer = sim.store.byPn(pn);
    for (const c of peer?.companions ?? []) {
      if (pn === account.pn && c.id === device) continue;
      const session = sim.live.get(deviceKey(pn, c.id));
      if (session?.ready && session.conn.isOpen) sim.send(session, node());
    }
  }
}

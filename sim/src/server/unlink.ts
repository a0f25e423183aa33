import { parseJid, type BinaryNode } from '../binary/index.js';
import type { AccountRecord } from '../state/types.js';
import type { IqAnswer } from './iq.js';
import { deviceKey, type Session } from './session.js';
import type { Simulator } from './simulator.js';
import { notifyDeviceChange } from './devices.js';

/**
 * Forgets one companion: its record, bundle and queue. A live connection gets
 * `<stream:error code=401/>` (Baileys: loggedOut) unless it asked for this itself.
 */
export function dropCompanion(sim: Simulator, account: AccountRecord, device: number, notify: boolean): boolean {
  const i = account.companions.findIndex((c) => c.id === device);
  if (i < 0) return false;
  account.companions.splice(i, 1);
  notifyDeviceChange(sim, account, device);
  sim.store.queues.drop(deviceKey(account.pn, device));
  const session = sim.live.get(deviceKey(account.pn, device));
  if (session) {
    sim.live.delete(deviceKey(account.pn, device));
    if (notify) session.conn.streamError('401');
  }
  sim.store.changed();
  return true;
}

/** The phone unlinks every companion (control API `unlink`). */
export function unlinkAll(sim: Simulator, account: AccountRecord): number[] {
  const ids = account.companions.map((c) => c.id);
  for (const id of ids) dropCompanion(sim, account, id, true);
  return ids;
}

/** `md <remove-companion-device jid reason>` from Baileys' logout(): the companion removes itself. */
export function removeCompanion(sim: Simulator, session: Session, req: BinaryNode): IqAnswer {
  const jid = parseJid(req.attrs.jid ?? '');
  const account = session.pn ? sim.store.byPn(session.pn) : undefined;
  if (!jid || !account || jid.user !== account.pn) return { error: { code: '403', text: 'forbidden' } };
  dropCompanion(sim, account, jid.device, jid.device !== session.device);
  return [];
}

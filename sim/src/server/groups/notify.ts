import { node as mk, type BinaryNode } from '../../binary/index.js';
import type { GroupRecord } from '../../state/types.js';
import type { Simulator } from '../simulator.js';
import { groupJid, lidOf, pnJidOf } from './render.js';

/** Who acted: an account and the device it acted from (that device is not told of its own change). */
export interface Actor {
  pn: string;
  device: number;
}

/**
 * A change to a group reaches every device of `audience` (default: the members now) as
 * `<notification type=w:gp2 from=G participant=ACTOR_LID participant_pn>` holding `change`
 * (design §8.1), which Baileys turns into a stub message and groups/participants events. It is
 * delivered like any stanza: kept until each device acknowledges it.
 */
export function notifyGroup(
  sim: Simulator,
  g: GroupRecord,
  actor: Actor,
  change: BinaryNode,
  audience: string[] = g.members.map((m) => m.pn),
): void {
  const accountOf = (pn: string) => sim.store.byPn(pn);
  const who = accountOf(actor.pn);
  const node = mk(
    'notification',
    {
      from: groupJid(g),
      type: 'w:gp2',
      id: sim.nextId(),
      t: String(Math.floor(Date.now() / 1000)),
      participant: lidOf(accountOf, actor.pn),
      participant_pn: pnJidOf(actor.pn),
      addressing_mode: 'lid',
      ...(who?.pushName ? { notify: who.pushName } : {}),
    },
    [change],
  );
  for (const pn of new Set(audience)) {
    const account = accountOf(pn);
    if (!account) continue;
    for (const device of sim.accounts.devices(account)) {
      if (pn === actor.pn && device === actor.device) continue;
      sim.deliver(pn, device, node);
    }
  }
}

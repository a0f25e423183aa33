import { formatJid, node as mk, parseJid, type BinaryNode } from '../binary/index.js';
import type { Origin } from './dispatch.js';
import type { Simulator } from './simulator.js';

/**
 * Call signalling (`<call to id><offer|reject|accept|terminate call-id call-creator/></call>`):
 * acked to the sender with the stanza's id (Baileys' rejectCall waits for that answer), then handed
 * to every device of the addressee, `from` the sender's PN jid. Media never flows.
 */
export function routeCall(sim: Simulator, origin: Origin, node: BinaryNode): void {
  const { id, to } = node.attrs;
  const info = Array.isArray(node.content) ? node.content[0] : undefined;
  const t = String(Math.floor(Date.now() / 1000));
  if (id)
    origin.reply(
      mk('ack', {
        class: 'call',
        id,
        from: to ?? formatJid(origin.pn, 's.whatsapp.net'),
        t,
        ...(info ? { type: info.tag } : {}),
      }),
    );
  const sender = sim.store.byPn(origin.pn);
  const target = to ? sim.accounts.resolve(to) : undefined;
  if (!sender || !target || !info || target.pn === sender.pn) return;
  const device = parseJid(to!)?.device;
  const attrs = {
    from: formatJid(sender.pn, 's.whatsapp.net'),
    id: id ?? sim.nextId(),
    t,
    ...(sender.pushName ? { notify: sender.pushName } : {}),
  };
  const devices = device ? [device] : sim.accounts.devices(target);
  for (const d of devices) sim.deliver(target.pn, d, mk('call', attrs, [info]));
}

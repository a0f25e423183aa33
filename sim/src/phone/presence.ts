/**
 * `<chatstate from><composing [media=audio]/>|<paused/></chatstate>` and `<presence from type/>`
 * delivered to the phone (design §8.3): recorded, newest last, for the control API.
 */
import type { BinaryNode } from '../binary/types.js';
import { parseJid } from '../binary/jid.js';
import type { PhoneCore, PresenceSeen } from './core.js';

const LIMIT = 1000;

export async function onPresence(core: PhoneCore, node: BinaryNode): Promise<void> {
  const from = node.attrs.from ? parseJid(node.attrs.from) : undefined;
  if (!from) return;
  // The network says who it is in PN form when it can (`sender_pn` for a LID `from`).
  const pn =
    from.server === 'lid'
      ? ((node.attrs.sender_pn ? parseJid(node.attrs.sender_pn)?.user : undefined) ??
        (await core.network.lookup(node.attrs.from!))?.pn ??
        from.user)
      : from.user;
  let type: PresenceSeen['type'] | undefined;
  if (node.tag === 'presence') type = node.attrs.type === 'unavailable' ? 'unavailable' : 'available';
  else {
    const state = Array.isArray(node.content) ? node.content[0] : undefined;
    if (state?.tag === 'composing') type = state.attrs.media === 'audio' ? 'recording' : 'composing';
    else if (state?.tag === 'paused') type = 'paused';
  }
  if (!type) return;
  core.presences.push({ from: pn, type, at: new Date(core.network.now()).toISOString() });
  if (core.presences.length > LIMIT) core.presences.shift();
}

import { proto } from 'baileys/WAProto/index.js';
import { bytesOf, child, children, node as mk, S_WHATSAPP_NET, type BinaryNode } from '../binary/index.js';
import type { IqAnswer } from './iq.js';
import type { Simulator } from './simulator.js';

/** Who syncs: the account and the device asking. */
interface Actor {
  pn: string;
  device: number;
}

/**
 * `w:sync:app:state` (design §8.4): each account's collections (regular, regular_high,
 * critical_block, …) are lists of `SyncdPatch`es, encrypted by the devices with the app-state key
 * the phone shared; the server stores them opaque, numbers them (version = position), and answers
 * a sync of `version V` with every patch after V. A pushed `<patch>` must build on the latest
 * version (else `409`, and the device syncs first, as Baileys' appPatch does); the account's other
 * devices get `<notification type=server_sync><collection name version/>` and sync.
 */
export function syncAppState(sim: Simulator, actor: Actor, iq: BinaryNode): IqAnswer {
  const account = sim.store.byPn(actor.pn);
  if (!account) return { error: { code: '401', text: 'not-authorized' } };
  const collections = (account.appState ??= {});
  const answers: BinaryNode[] = [];
  const pushed: { name: string; version: number }[] = [];
  for (const c of children(child(iq, 'sync'), 'collection')) {
    const name = c.attrs.name ?? '';
    const patches = (collections[name] ??= []);
    const from = Number(c.attrs.version ?? 0);
    const incoming = children(c, 'patch')
      .map((p) => bytesOf(p))
      .filter((b): b is Uint8Array => !!b);
    if (incoming.length) {
      if (from !== patches.length) {
        answers.push(
          mk('collection', { name, version: String(patches.length), type: 'error' }, [
            mk('error', { code: '409', text: 'conflict' }),
          ]),
        );
        continue;
      }
      for (const bytes of incoming) {
        const patch = proto.SyncdPatch.decode(bytes);
        patch.version = { version: patches.length + 1 };
        patches.push(Buffer.from(proto.SyncdPatch.encode(patch).finish()).toString('base64'));
      }
      pushed.push({ name, version: patches.length });
      answers.push(mk('collection', { name, version: String(patches.length) }));
      continue;
    }
    const newer = patches
      .slice(Math.min(from, patches.length))
      .map((b64) => mk('patch', {}, new Uint8Array(Buffer.from(b64, 'base64'))));
    answers.push(
      mk(
        'collection',
        { name, version: String(patches.length) },
        newer.length ? [mk('patches', {}, newer)] : undefined,
      ),
    );
  }
  if (pushed.length) {
    sim.store.changed();
    for (const device of sim.accounts.devices(account)) {
      if (device === actor.device) continue;
      for (const { name, version } of pushed) {
        const t = String(Math.floor(Date.now() / 1000));
        sim.deliver(
          account.pn,
          device,
          mk('notification', { from: S_WHATSAPP_NET, type: 'server_sync', id: sim.nextId(), t }, [
            mk('collection', { name, version: String(version) }),
          ]),
        );
      }
    }
  }
  return [mk('sync', {}, answers)];
}

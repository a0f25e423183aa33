import { bytesOf, child, children, firstChild, node as mk, parseJid, type BinaryNode } from '../binary/index.js';
import type { AccountRecord, BundleRecord } from '../state/types.js';
import { bundleOf, takeBundle } from './bundles.js';
import type { IqAnswer } from './iq.js';
import type { Session } from './session.js';
import type { Simulator } from './simulator.js';

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const uint = (b: Uint8Array | undefined): number =>
  b && b.length ? Buffer.from(b).readUIntBE(0, Math.min(b.length, 6)) : 0;

/** `xmlns=encrypt` IQs: prekey count, upload, digest, signed-prekey rotation, bundle fetch (design §6, §7.2). */
export function handleEncrypt(sim: Simulator, session: Session, iq: BinaryNode): IqAnswer {
  const account = session.pn ? sim.store.byPn(session.pn) : undefined;
  const own = account ? bundleOf(account, session.device!) : undefined;
  if (!account || !own) return { error: { code: '401', text: 'not-authorized' } };
  const first = firstChild(iq);
  if (iq.attrs.type === 'get' && first?.tag === 'count')
    return [mk('count', { value: String(Object.keys(own.preKeys).length) })];
  if (iq.attrs.type === 'get' && first?.tag === 'digest') return [mk('digest', {})];
  if (iq.attrs.type === 'get' && first?.tag === 'key') return fetchBundles(sim, first);
  if (iq.attrs.type === 'set' && first?.tag === 'rotate') {
    const skey = child(first, 'skey');
    if (skey) own.signedPreKey = signedKey(skey);
    sim.store.changed();
    return [];
  }
  if (iq.attrs.type === 'set' && child(iq, 'list')) return upload(sim, own, iq);
  sim.unhandled(session, iq, `unknown encrypt iq ${iq.attrs.type}/${first?.tag}`);
  return 'none';
}

function signedKey(skey: BinaryNode): BundleRecord['signedPreKey'] {
  return {
    keyId: uint(bytesOf(child(skey, 'id'))),
    publicKey: b64(bytesOf(child(skey, 'value')) ?? new Uint8Array()),
    signature: b64(bytesOf(child(skey, 'signature')) ?? new Uint8Array()),
  };
}

function upload(sim: Simulator, own: BundleRecord, iq: BinaryNode): IqAnswer {
  const registration = bytesOf(child(iq, 'registration'));
  const identity = bytesOf(child(iq, 'identity'));
  if (registration) own.registrationId = uint(registration);
  if (identity) own.identityKey = b64(identity);
  const skey = child(iq, 'skey');
  if (skey) own.signedPreKey = signedKey(skey);
  for (const key of children(child(iq, 'list'), 'key')) {
    const id = uint(bytesOf(child(key, 'id')));
    const value = bytesOf(child(key, 'value'));
    if (value) own.preKeys[id] = b64(value);
  }
  sim.store.changed();
  return [];
}

function keyNode(tag: string, keyId: number, pub: Uint8Array, signature?: Uint8Array): BinaryNode {
  const id = Buffer.alloc(3);
  id.writeUIntBE(keyId, 0, 3);
  return mk(tag, {}, [
    mk('id', {}, new Uint8Array(id)),
    mk('value', {}, pub),
    ...(signature ? [mk('signature', {}, signature)] : []),
  ]);
}

/**
 * `<key><user jid/>…</key>` → one `<user jid>` per request, echoing the requested jid (Baileys
 * stores the session under it). Unknown devices are left out: an `<error>` inside a user entry
 * would fail the whole batch in Baileys.
 */
function fetchBundles(sim: Simulator, keyReq: BinaryNode): BinaryNode[] {
  const users: BinaryNode[] = [];
  for (const u of children(keyReq, 'user')) {
    const jid = u.attrs.jid ?? '';
    const parsed = parseJid(jid);
    const account: AccountRecord | undefined = sim.accounts.resolve(jid);
    const bundle = account && parsed ? takeBundle(sim, account, parsed.device) : undefined;
    if (!bundle) {
      sim.log.warn({ jid }, 'bundle requested for an unknown device');
      continue;
    }
    const reg = Buffer.alloc(4);
    reg.writeUInt32BE(bundle.registrationId >>> 0);
    users.push(
      mk('user', { jid }, [
        mk('registration', {}, new Uint8Array(reg)),
        mk('type', {}, Uint8Array.of(5)),
        mk('identity', {}, bundle.identityKey),
        keyNode('skey', bundle.signedPreKey.keyId, bundle.signedPreKey.publicKey, bundle.signedPreKey.signature),
        ...(bundle.preKey ? [keyNode('key', bundle.preKey.keyId, bundle.preKey.publicKey)] : []),
      ]),
    );
  }
  return [mk('list', {}, users)];
}

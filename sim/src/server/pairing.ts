import { randomBytes } from 'node:crypto';
import { proto } from 'baileys/WAProto/index.js';
import { bytesOf, child, node as mk, S_WHATSAPP_NET, type BinaryNode } from '../binary/index.js';
import { parseQr } from '../phone/qr.js';
import type { HandshakeResult } from '../transport/noise.js';
import type { AccountRecord, CompanionRecord } from '../state/types.js';
import { bundleToRecord } from './bundles.js';
import { notifyDeviceChange } from './devices.js';
import type { Registration, Session } from './session.js';
import type { Simulator } from './simulator.js';

export class LinkError extends Error {
  override name = 'LinkError';
  constructor(
    message: string,
    readonly status = 409,
  ) {
    super(message);
  }
}

const b64 = (b: Uint8Array): string => Buffer.from(b).toString('base64');
const sameBytes = (a: Uint8Array, b: Uint8Array): boolean => Buffer.from(a).equals(Buffer.from(b));

/** A companion without credentials: record what it brought and show it QR refs (design §3). */
export function startRegistration(sim: Simulator, session: Session, { clientStatic, payload }: HandshakeResult): void {
  const d = payload.devicePairingData;
  if (!d?.eIdent || !d.eSkeyVal || !d.eSkeySig || !d.eRegid || !d.eSkeyId) {
    sim.send(session, mk('failure', { reason: '400', location: 'sim' }));
    session.conn.close();
    return;
  }
  const props = d.deviceProps ? proto.DeviceProps.decode(d.deviceProps) : undefined;
  const reg: Registration = {
    noiseKey: clientStatic,
    identityKey: d.eIdent,
    registrationId: Buffer.from(d.eRegid).readUIntBE(0, d.eRegid.length),
    signedPreKey: {
      keyId: Buffer.from(d.eSkeyId).readUIntBE(0, d.eSkeyId.length),
      publicKey: d.eSkeyVal,
      signature: d.eSkeySig,
    },
    platform: props?.os ?? 'unknown',
    refs: Array.from({ length: sim.qrRefs }, () => `2@${randomBytes(24).toString('base64')}`),
  };
  session.registration = reg;
  for (const ref of reg.refs) sim.refs.set(ref, session);
  sim.send(
    session,
    mk('iq', { from: S_WHATSAPP_NET, type: 'set', id: sim.nextId(), xmlns: 'md' }, [
      mk(
        'pair-device',
        {},
        reg.refs.map((r) => mk('ref', {}, new Uint8Array(Buffer.from(r)))),
      ),
    ]),
  );
}

/** The phone of `account` scans a QR string shown by a companion. Resolves once it is linked. */
export async function scanQr(sim: Simulator, account: AccountRecord, qr: string): Promise<CompanionRecord> {
  let data;
  try {
    data = parseQr(qr);
  } catch (err) {
    throw new LinkError((err as Error).message, 400);
  }
  const session = sim.refs.get(data.ref);
  const reg = session?.registration;
  if (!session || !reg || !session.conn.isOpen)
    throw new LinkError('QR ref is not live (expired, used, or its connection closed)', 410);
  if (!sameBytes(data.noiseKey, reg.noiseKey))
    throw new LinkError("QR noise key differs from the connection's static key", 400);
  if (!sameBytes(data.identityKey, reg.identityKey))
    throw new LinkError('QR identity key differs from the registration identity', 400);
  return link(sim, account, session, data.advSecret);
}

/**
 * Pair-success → pair-device-sign → record → 515 (design §4). The phone signs the companion, the
 * companion counter-signs, the phone verifies strictly; only then does the device exist.
 */
export async function link(
  sim: Simulator,
  account: AccountRecord,
  session: Session,
  advSecret: Uint8Array,
): Promise<CompanionRecord> {
  const reg = session.registration!;
  if (reg.linking) throw new LinkError('this companion is already being linked', 409);
  reg.linking = true;
  for (const ref of reg.refs) sim.refs.delete(ref);
  const { phone, deviceId, verified } = await pairSuccess(sim, account, session, advSecret).catch((err: unknown) => {
    // Its refs are gone and it is marked linking: this companion can never link now. End it with
    // 401 (as a failed code link does) so the client starts over instead of waiting forever.
    session.conn.streamError('401');
    throw err;
  });
  const record: CompanionRecord = {
    id: deviceId,
    noiseKey: b64(reg.noiseKey),
    keyIndex: verified.keyIndex,
    platform: reg.platform,
    signedDeviceIdentity: b64(verified.signedDeviceIdentity),
    linkedAt: Date.now(),
    bundle: bundleToRecord({
      registrationId: reg.registrationId,
      identityKey: reg.identityKey,
      signedPreKey: reg.signedPreKey,
    }),
  };
  account.companions.push(record);
  sim.store.changed();
  sim.stats.links++;
  notifyDeviceChange(sim, account, deviceId);
  try {
    // The history bootstrap waits in the queue for the companion's first login after the 515.
    await phone.companionLinked(deviceId);
  } finally {
    // The device exists now: the companion restarts into it even if the bootstrap failed.
    session.conn.streamError('515');
  }
  return record;
}

/** The phone signs the companion, sends pair-success, and strictly verifies the counter-signature. */
async function pairSuccess(sim: Simulator, account: AccountRecord, session: Session, advSecret: Uint8Array) {
  const reg = session.registration!;
  const phone = sim.accounts.phone(account.pn);
  if (!phone) throw new LinkError('account has no phone', 500);
  const { keyIndex, deviceIdentity } = phone.signCompanion({ identityKey: reg.identityKey, advSecret });
  const deviceId = account.nextDeviceId++;
  const answer = await sim.query(
    session,
    mk('iq', { from: S_WHATSAPP_NET, type: 'set', xmlns: 'md', t: String(Math.floor(Date.now() / 1000)) }, [
      mk('pair-success', {}, [
        mk('device-identity', { 'key-index': String(keyIndex) }, deviceIdentity),
        mk('platform', { name: 'android' }),
        mk('device', { jid: `${account.pn}:${deviceId}@s.whatsapp.net`, lid: `${account.lid}:${deviceId}@lid` }),
      ]),
    ]),
  );
  const signedNode = child(child(answer, 'pair-device-sign'), 'device-identity');
  const signedBytes = bytesOf(signedNode);
  if (answer.attrs.type !== 'result' || !signedBytes) throw new LinkError('companion refused pair-success', 502);
  return { phone, deviceId, verified: phone.verifyCompanion(signedBytes, reg.identityKey) };
}

/** `md <link_code_companion_reg stage=companion_hello|companion_finish>` from a registering companion. */
export async function onLinkCodeStanza(
  sim: Simulator,
  session: Session,
  iq: BinaryNode,
  reg: BinaryNode,
): Promise<void> {
  const registration = session.registration;
  const pn = (reg.attrs.jid ?? '').split('@')[0]!.split(':')[0]!;
  const ok = (content?: BinaryNode[]): void =>
    sim.send(session, mk('iq', { id: iq.attrs.id, from: S_WHATSAPP_NET, type: 'result' }, content));
  if (!registration) return sim.unhandled(session, iq, 'link code stanza on a logged-in stream');
  if (reg.attrs.stage === 'companion_hello') {
    const wrapped = bytesOf(child(reg, 'link_code_pairing_wrapped_companion_ephemeral_pub'));
    if (!wrapped) return sim.unhandled(session, iq, 'companion_hello without wrapped ephemeral');
    const ref = randomBytes(16).toString('hex');
    registration.codeHello = { pn, wrappedEphemeral: wrapped, ref };
    return ok([mk('link_code_companion_reg', {}, [mk('link_code_pairing_ref', {}, new Uint8Array(Buffer.from(ref)))])]);
  }
  if (reg.attrs.stage === 'companion_finish') {
    const account = sim.store.byPn(pn);
    const bundle = bytesOf(child(reg, 'link_code_pairing_wrapped_key_bundle'));
    const identity = bytesOf(child(reg, 'companion_identity_public'));
    const phone = account && sim.accounts.phone(account.pn);
    if (!account || !phone || !bundle || !identity)
      return sim.unhandled(session, iq, 'companion_finish for an unknown account or without key bundle');
    ok();
    const done = registration.codeDone;
    try {
      if (!sameBytes(identity, registration.identityKey))
        throw new LinkError('companion_finish identity differs from registration');
      const { advSecret } = phone.finishCode(bundle, identity);
      const record = await link(sim, account, session, advSecret);
      done?.resolve(record);
    } catch (err) {
      if (!done) throw err;
      done.reject(err as Error);
      session.conn.streamError('401');
    }
    return;
  }
  sim.unhandled(session, iq, `unknown link code stage ${reg.attrs.stage}`);
}

/** The phone of `account` enters the code the companion displays (design §4, pairing code). */
export async function enterLinkCode(sim: Simulator, account: AccountRecord, code: string): Promise<CompanionRecord> {
  const session = [...sim.sessions.values()]
    .reverse()
    .find((s) => s.registration?.codeHello?.pn === account.pn && s.conn.isOpen);
  const hello = session?.registration?.codeHello;
  if (!session || !hello) throw new LinkError('no companion is waiting for a pairing code for this number', 404);
  const phone = sim.accounts.phone(account.pn)!;
  const registration = session.registration!;
  // The code is checked (and may throw) before anything waits for the companion: a waiter made
  // first would be left behind and reject, unhandled, once its timer fired.
  const { primaryIdentityPub, wrappedPrimaryEphemeral } = await phone.enterCode(
    code.replace(/-/g, '').toUpperCase(),
    hello.wrappedEphemeral,
  );
  const done = new Promise<CompanionRecord>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new LinkError('companion did not finish the code link', 504)),
      sim.iqTimeoutMs,
    );
    timer.unref();
    registration.codeDone = {
      resolve: (c) => (clearTimeout(timer), resolve(c)),
      reject: (e) => (clearTimeout(timer), reject(e)),
    };
  });
  sim.send(
    session,
    mk(
      'notification',
      {
        from: S_WHATSAPP_NET,
        type: 'link_code_companion_reg',
        id: sim.nextId(),
        t: String(Math.floor(Date.now() / 1000)),
      },
      [
        mk('link_code_companion_reg', { stage: 'primary_hello' }, [
          mk('link_code_pairing_ref', {}, new Uint8Array(Buffer.from(hello.ref))),
          mk('primary_identity_pub', {}, primaryIdentityPub),
          mk('link_code_pairing_wrapped_primary_ephemeral_pub', {}, wrappedPrimaryEphemeral),
        ]),
      ],
    ),
  );
  return done;
}

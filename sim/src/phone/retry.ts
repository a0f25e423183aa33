/**
 * Retry receipts, both ways, as Baileys does them (Socket/messages-recv.js `sendRetryRequest`,
 * Utils/signal.js `extractE2ESessionFromRetryReceipt`, messages-send.js retry resend):
 *
 * - the phone cannot decrypt → `<receipt id to=SENDER type=retry><retry count id t v=1 error=0/>
 *   <registration/>[<keys>type identity key skey</keys>]</receipt>` (keys from the 2nd retry on);
 * - a device asks the phone to re-send → rebuild the session from its `<keys>` (or, from the 2nd
 *   retry, from a fresh bundle), re-encrypt for that device only and send
 *   `<message id to=DEVICE type device_fanout=false><enc v=2 type count=N/></message>`.
 */
import { proto } from 'baileys/WAProto/index.js';
import type { BinaryNode } from '../binary/types.js';
import { parseJid } from '../binary/jid.js';
import { bytesOf, child } from '../binary/nodes.js';
import type { PreKeyBundle } from './network.js';
import { deviceSentMessage, encodePadded, stanzaType } from './messages.js';
import { pnJid } from './sessions.js';
import { unhandled, type PhoneCore, type SentMessage } from './core.js';

const uint = (b: Uint8Array | undefined): number | undefined =>
  b && b.length > 0 && b.length <= 4 ? b.reduce((n, x) => n * 256 + x, 0) : undefined;

/** The retry receipt the phone sends when it cannot decrypt `node`. */
export function buildRetryReceipt(
  core: PhoneCore,
  node: BinaryNode,
  count: number,
  keys?: {
    identity: Uint8Array;
    preKey: { keyId: number; publicKey: Uint8Array };
    signedPreKey: PreKeyBundle['signedPreKey'];
  },
): BinaryNode {
  const registration = Buffer.alloc(4);
  registration.writeUInt32BE(core.sessions.registrationId);
  const content: BinaryNode[] = [
    {
      tag: 'retry',
      attrs: {
        count: String(count),
        id: node.attrs.id!,
        t: node.attrs.t ?? String(Math.floor(core.network.now() / 1000)),
        v: '1',
        error: '0',
      },
    },
    { tag: 'registration', attrs: {}, content: new Uint8Array(registration) },
  ];
  if (keys) {
    content.push({
      tag: 'keys',
      attrs: {},
      content: [
        { tag: 'type', attrs: {}, content: Uint8Array.of(5) },
        { tag: 'identity', attrs: {}, content: keys.identity },
        {
          tag: 'key',
          attrs: {},
          content: [
            { tag: 'id', attrs: {}, content: be(keys.preKey.keyId, 3) },
            { tag: 'value', attrs: {}, content: keys.preKey.publicKey },
          ],
        },
        {
          tag: 'skey',
          attrs: {},
          content: [
            { tag: 'id', attrs: {}, content: be(keys.signedPreKey.keyId, 3) },
            { tag: 'value', attrs: {}, content: keys.signedPreKey.publicKey },
            { tag: 'signature', attrs: {}, content: keys.signedPreKey.signature },
          ],
        },
      ],
    });
  }
  const attrs: Record<string, string> = { id: node.attrs.id!, to: node.attrs.from!, type: 'retry' };
  if (node.attrs.recipient) attrs.recipient = node.attrs.recipient;
  if (node.attrs.participant) attrs.participant = node.attrs.participant;
  return { tag: 'receipt', attrs, content };
}

/** The session a retry receipt's `<keys>` describes, or undefined when it carries none (or a bad one). */
export function bundleFromRetry(receipt: BinaryNode): PreKeyBundle | undefined {
  const keys = child(receipt, 'keys');
  if (!keys) return undefined;
  const identity = bytesOf(child(keys, 'identity'));
  const skey = child(keys, 'skey');
  const registrationId = uint(bytesOf(child(receipt, 'registration')));
  const spk = {
    keyId: uint(bytesOf(child(skey, 'id'))),
    publicKey: bytesOf(child(skey, 'value')),
    signature: bytesOf(child(skey, 'signature')),
  };
  if (
    identity?.length !== 32 ||
    registrationId === undefined ||
    spk.keyId === undefined ||
    spk.publicKey?.length !== 32 ||
    spk.signature?.length !== 64
  )
    return undefined;
  const key = child(keys, 'key');
  const preKeyId = uint(bytesOf(child(key, 'id')));
  const preKeyValue = bytesOf(child(key, 'value'));
  return {
    registrationId,
    identityKey: identity,
    signedPreKey: { keyId: spk.keyId, publicKey: spk.publicKey, signature: spk.signature },
    ...(preKeyId !== undefined && preKeyValue?.length === 32
      ? { preKey: { keyId: preKeyId, publicKey: preKeyValue } }
      : {}),
  };
}

/** A device asked for `sent` again: re-encrypt for that one device and send it. */
export async function resend(core: PhoneCore, receipt: BinaryNode, sent: SentMessage): Promise<void> {
  const from = receipt.attrs.from!;
  const device = parseJid(from);
  const who = await core.network.lookup(from);
  const retry = child(receipt, 'retry');
  const count = Number(retry?.attrs.count ?? 1);
  if (!device || !who || !sent.message)
    return unhandled(
      core,
      receipt,
      'retry receipt from an unknown device or for a message without content',
      core.network.now(),
    );
  const fresh = bundleFromRetry(receipt);
  if (fresh) await core.sessions.build(who.lid, device.device, fresh);
  else if (count >= 2) {
    core.sessions.drop(who.lid, device.device);
  }
  const message = proto.Message.decode(Buffer.from(sent.message, 'base64'));
  const own = who.lid === core.lid;
  const plaintext = encodePadded(own ? deviceSentMessage(pnJid(sent.to), message) : message);
  const { type, ciphertext } = await core.sessions.encrypt(who.lid, device.device, plaintext);
  const attrs: Record<string, string> = { id: sent.id, to: from, type: stanzaType(message), device_fanout: 'false' };
  if (own) attrs.recipient = pnJid(sent.to);
  await core.network.send({
    tag: 'message',
    attrs,
    content: [{ tag: 'enc', attrs: { v: '2', type, count: String(count) }, content: ciphertext }],
  });
}

function be(n: number, length: number): Uint8Array {
  const out = new Uint8Array(length);
  for (let i = length - 1; i >= 0; i--, n = Math.floor(n / 256)) out[i] = n & 0xff;
  return out;
}

import { test } from 'node:test';
import assert from 'node:assert/strict';
import { Curve, encodeWAMessage, generateSignalPubKey, proto } from 'baileys';
import { inflateSync } from 'node:zlib';
import { TestNetwork } from './phone-support.js';
import { SimPhone } from '../src/phone/index.js';

test('two phones exchange texts: pkmsg first, then msg; statuses follow receipts', async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000001', '900000000000001', 'Alice');
  const bob = net.addPhone('15550000002', '900000000000002', 'Bob');

  const { id } = await alice.sendText('+15550000002', 'hello bob');
  await net.settle();
  const [first] = bob.inbox();
  assert.equal(first?.text, 'hello bob');
  assert.equal(first?.enc, 'pkmsg');
  assert.equal(first?.from, '15550000001');
  assert.equal(first?.push_name, 'Alice');
  assert.equal(alice.sent().find((m) => m.id === id)?.status, 'delivered');

  await bob.sendReceipt(id, 'read');
  await net.settle();

  assert.equal(alice.sent().find((m) => m.id === id)?.status, 'read');

  await bob.sendText('15550000001@s.whatsapp.net', 'hi alice');
  await net.settle();

  await alice.sendText('15550000002', 'second');
  await net.settle();
  assert.equal(alice.inbox()[0]?.text, 'hi alice');
  assert.equal(alice.inbox()[0]?.enc, 'msg', 'the reply rides the session the pkmsg set up');
  assert.equal(bob.inbox()[1]?.enc, 'msg');
  assert.deepEqual([...alice.unhandled(), ...bob.unhandled()], []);

  const message = net.sent.find((s) => s.node.tag === 'message')!.node;
  assert.equal(message.attrs.to, '15550000002@s.whatsapp.net');
  assert.equal(message.attrs.type, 'text');
  assert.match(message.attrs.phash ?? '', /^2:/);
  const to = (message.content as { tag: string; attrs: Record<string, string> }[])[0]!;
  assert.equal(to.tag, 'participants');
});

test("a Baileys companion decrypts the phone's message with Baileys' own Signal code, and the phone decrypts Baileys", async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000011', '900000000000011');
  net.addPhone('15550000012', '900000000000012');
  const carol = net.addBaileysCompanion('15550000012', 3);
  const ownCompanion = net.addBaileysCompanion('15550000011', 2);

  await alice.sendText('15550000012', 'to every device');
  await net.settle();

  const got = await net.baileysDecrypt(carol, '900000000000011@lid');
  assert.equal(got.type, 'pkmsg');
  assert.equal(got.message.conversation, 'to every device');
  // Alice's own companion gets the deviceSentMessage copy.
  const mine = await net.baileysDecrypt(ownCompanion, '900000000000011@lid');
  assert.equal(mine.message.deviceSentMessage?.message?.conversation, 'to every device');
  assert.equal(mine.message.deviceSentMessage?.destinationJid, '15550000012@s.whatsapp.net');

  // Baileys → phone: build the session from the phone's bundle as Baileys would from `encrypt get`.
  const b = alice.keyBundle();
  await carol.repo.injectE2ESession({
    jid: '900000000000011@lid',
    session: {
      registrationId: b.registrationId,
      identityKey: generateSignalPubKey(Buffer.from(b.identityKey)),
      signedPreKey: {
        keyId: b.signedPreKey.keyId,
        publicKey: generateSignalPubKey(Buffer.from(b.signedPreKey.publicKey)),
        signature: Buffer.from(b.signedPreKey.signature),
      },
      preKey: { keyId: b.preKeys[50]!.keyId, publicKey: generateSignalPubKey(Buffer.from(b.preKeys[50]!.publicKey)) },
    },
  });
  const { type, ciphertext } = await carol.repo.encryptMessage({
    jid: '900000000000011@lid',
    data: encodeWAMessage({ extendedTextMessage: { text: 'from baileys' } }),
  });
  await alice.receive({
    tag: 'message',
    attrs: {
      from: '15550000012:3@s.whatsapp.net',
      sender_lid: '900000000000012:3@lid',
      id: 'B1',
      t: '1700000000',
      type: 'text',
      notify: 'Carol',
    },
    content: [{ tag: 'enc', attrs: { v: '2', type }, content: ciphertext }],
  });
  await net.settle();
  const entry = alice.inbox().find((m) => m.id === 'B1');
  assert.equal(entry?.text, 'from baileys');
  assert.equal(entry?.from_device, 3);
  assert.equal(entry?.enc, 'pkmsg');
  const receipt = net.sent.findLast((s) => s.node.tag === 'receipt')!.node;
  assert.deepEqual(receipt, { tag: 'receipt', attrs: { id: 'B1', to: '15550000012:3@s.whatsapp.net' } });
});

test('a bundle whose signed prekey is not signed by its identity is refused', async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000021', '900000000000021');
  const bob = net.addPhone('15550000022', '900000000000022');
  const account = net.account('15550000022')!;
  account.bundle = {
    ...account.bundle,
    signedPreKey: { ...account.bundle.signedPreKey, signature: new Uint8Array(64).fill(7) },
  };
  await assert.rejects(alice.sendText('15550000022', 'x'), /does not verify/);
  assert.equal(bob.inbox().length, 0);
  void Curve;
});

test('toJSON/fromJSON keeps keys and sessions: a restored phone continues with msg', async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000031', '900000000000031');
  const bob = net.addPhone('15550000032', '900000000000032');
  await alice.sendText('15550000032', 'one');
  await net.settle();
  await bob.sendText('15550000031', 'two');
  await net.settle();
  const json = JSON.parse(JSON.stringify(alice.toJSON()));
  const restored = SimPhone.fromJSON(json, net.networkFor('15550000031'));
  net.replacePhone('15550000031', restored);
  await restored.sendText('15550000032', 'three');
  await net.settle();
  assert.equal(bob.inbox().at(-1)?.text, 'three');
  assert.equal(bob.inbox().at(-1)?.enc, 'msg');
  assert.deepEqual(restored.accountPublicKey, alice.accountPublicKey);
  assert.equal(restored.inbox()[0]?.text, 'two');
});

test('companionLinked sends a peer history-sync bootstrap Baileys can read, with the push name, then the app-state key', async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000041', '900000000000041', 'Alice A');
  const companion = net.addBaileysCompanion('15550000041', 1);
  await alice.companionLinked(1);
  await net.settle();
  const [node, keyShare] = companion.mailbox.slice(-2);
  assert.equal(node!.attrs.category, 'peer');
  assert.equal(node!.attrs.notify, 'Alice A');
  const { message } = await net.baileysDecrypt(companion, '900000000000041@lid', node);
  const hist = message.protocolMessage?.historySyncNotification;
  assert.equal(message.protocolMessage?.type, proto.Message.ProtocolMessage.Type.HISTORY_SYNC_NOTIFICATION);
  const sync = proto.HistorySync.decode(inflateSync(hist!.initialHistBootstrapInlinePayload!));
  assert.equal(sync.syncType, proto.HistorySync.HistorySyncType.INITIAL_BOOTSTRAP);
  assert.equal(sync.pushnames[0]?.pushname, 'Alice A');
  const sent = net.sent.at(-1)!.node;
  assert.equal(sent.attrs.to, '15550000041:1@s.whatsapp.net');
  assert.equal(keyShare!.attrs.category, 'peer');
  const share = (await net.baileysDecrypt(companion, '900000000000041@lid', keyShare)).message.protocolMessage;
  assert.equal(share?.type, proto.Message.ProtocolMessage.Type.APP_STATE_SYNC_KEY_SHARE);
  const [key] = share!.appStateSyncKeyShare!.keys!;
  assert.equal(key?.keyData?.keyData?.length, 32);
  assert.equal(
    Buffer.from(key!.keyId!.keyId!).toString('base64'),
    alice.appStateKeys[0]!.keyId,
    'the key the phone keeps',
  );
});

test('a message the receiver cannot decrypt is re-sent after its retry receipt', async () => {
  const net = new TestNetwork();
  const alice = net.addPhone('15550000051', '900000000000051');
  const bob = net.addPhone('15550000052', '900000000000052');
  let corrupted = false;
  net.tamper = (enc) => {
    if (corrupted) return enc;
    corrupted = true;
    const bytes = new Uint8Array(enc.content as Uint8Array);
    bytes[bytes.length - 3] = (bytes[bytes.length - 3] ?? 0) ^ 0xff;
    return { ...enc, content: bytes };
  };
  const { id } = await alice.sendText('15550000052', 'second time lucky');
  await net.settle();
  const retry = net.sent.find((s) => s.node.tag === 'receipt' && s.node.attrs.type === 'retry');
  assert.ok(retry, 'bob sent a retry receipt');
  const receipts = net.sent.filter(
    (s) => s.node.tag === 'receipt' && s.node.attrs.id === id && s.from === '15550000052',
  );
  assert.deepEqual(
    receipts.map((r) => r.node.attrs.type ?? 'delivery'),
    ['retry', 'delivery'],
    'no delivery receipt for the copy that failed',
  );
  assert.equal(bob.unhandled().length, 1);
  assert.match(bob.unhandled()[0]!.reason, /decrypt failed/);
  const resent = net.sent.findLast((s) => s.node.tag === 'message' && s.from === '15550000051')!.node;
  assert.equal(resent.attrs.device_fanout, 'false');
  assert.equal(resent.attrs.id, id);
  assert.equal(bob.inbox().length, 1);
  assert.equal(bob.inbox()[0]?.text, 'second time lucky');
  assert.equal(alice.unhandled().length, 0);
});

test('LID-addressed traffic: same sessions, same inbox fields, receipts back to the LID', async () => {
  const net = new TestNetwork();
  net.lidAddressing = true;
  const alice = net.addPhone('15550000061', '900000000000061');
  const bob = net.addPhone('15550000062', '900000000000062');
  const { id } = await alice.sendText('900000000000062@lid', 'by lid');
  await net.settle();
  const message = net.sent.find((s) => s.node.tag === 'message')!.node;
  assert.equal(message.attrs.to, '900000000000062@lid');
  const entry = bob.inbox()[0];
  assert.equal(entry?.from, '15550000061', 'from is always the phone number');
  assert.equal(entry?.from_lid, '900000000000061');
  assert.equal(entry?.from_jid, '900000000000061@lid');
  assert.equal(alice.sent().find((m) => m.id === id)?.status, 'delivered');
  net.lidAddressing = false;
  await bob.sendText('15550000061', 'by pn');
  await net.settle();
  assert.equal(alice.inbox()[0]?.enc, 'msg', 'the PN-addressed reply uses the session the LID-addressed pkmsg opened');
  assert.deepEqual([...alice.unhandled(), ...bob.unhandled()], []);
});

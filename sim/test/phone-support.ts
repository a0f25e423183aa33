/**
 * Test support for the phone's unit tests: a minimal in-memory PhoneNetwork that routes stanzas
 * between SimPhones the way the server does (fan-out by `<to jid>`, acks, receipts), and a Baileys
 * Signal device (Baileys' own libsignal repository) standing in for a companion. The real server is
 * covered by the end-to-end tests; this only isolates the phone.
 */
import { Curve, initAuthCreds, unpadRandomMax16, proto, type SignalKeyStore } from 'baileys';
import { makeLibSignalRepository } from 'baileys/lib/Signal/libsignal.js';
import pino from 'pino';
import type { BinaryNode } from '../src/binary/types.js';
import { parseJid } from '../src/binary/jid.js';
import { SimPhone } from '../src/phone/index.js';
import type { PhoneNetwork, PreKeyBundle } from '../src/phone/network.js';

export interface BaileysDevice {
  device: number;
  creds: ReturnType<typeof initAuthCreds>;
  repo: ReturnType<typeof makeLibSignalRepository>;
  mailbox: BinaryNode[];
  preKeys: { keyId: number; publicKey: Uint8Array }[];
}

interface Account {
  pn: string;
  lid: string;
  phone: SimPhone;
  bundle: ReturnType<SimPhone['keyBundle']>;
  companions: Map<number, BaileysDevice>;
}

export class TestNetwork {
  readonly accounts: Account[] = [];
  /** Every stanza a phone sent, in order. */
  readonly sent: { from: string; node: BinaryNode }[] = [];
  clock = Date.now();
  /** Lets a test alter each delivered `<enc>` (e.g. corrupt one to provoke a retry). */
  tamper: (enc: BinaryNode) => BinaryNode = (enc) => enc;
  /** Deliver LID-addressed (`from=LID`, `sender_pn`) instead of PN-addressed (`from=PN`, `sender_lid`). */
  lidAddressing = false;
  /** Deliveries in flight: the network hands stanzas over asynchronously, like the server. */
  private readonly pending = new Set<Promise<void>>();

  /** Wait until no delivery is in flight (deliveries may cause more deliveries). */
  async settle(): Promise<void> {
    while (this.pending.size) await Promise.all([...this.pending]);
  }

  private hand(phone: SimPhone, node: BinaryNode): void {
    const p = phone.receive(node).finally(() => this.pending.delete(p));
    this.pending.add(p);
  }

  addPhone(pn: string, lid: string, pushName?: string): SimPhone {
    const phone = SimPhone.create({ pn, lid, network: this.networkFor(pn), ...(pushName ? { pushName } : {}) });
    this.accounts.push({ pn, lid, phone, bundle: phone.keyBundle(), companions: new Map() });
    return phone;
  }

  /** Replace an account's phone (e.g. one restored with fromJSON). */
  replacePhone(pn: string, phone: SimPhone): void {
    this.account(pn)!.phone = phone;
  }

  networkFor(pn: string): PhoneNetwork {
    return {
      send: (node) => this.route(pn, node),
      devicesOf: (user) => {
        const a = this.account(user);
        return a ? [0, ...a.companions.keys()] : [];
      },
      fetchBundle: (jid) => this.bundle(jid),
      lookup: (id) => {
        const a = this.account(id);
        return a ? { pn: a.pn, lid: a.lid } : undefined;
      },
      now: () => this.clock,
    };
  }

  account(id: string): Account | undefined {
    const user = id.includes('@') ? parseJid(id)!.user : id.replace(/^\+/, '');
    return this.accounts.find((a) => a.pn === user || a.lid === user);
  }

  addBaileysCompanion(pn: string, device: number): BaileysDevice {
    const a = this.account(pn)!;
    const creds = initAuthCreds();
    const store = new Map<string, unknown>();
    const keys = {
      get: async (type: string, ids: string[]) =>
        Object.fromEntries(ids.map((id) => [id, store.get(`${type}/${id}`)]).filter(([, v]) => v !== undefined)),
      set: async (data: Record<string, Record<string, unknown>>) => {
        for (const [type, entries] of Object.entries(data))
          for (const [id, v] of Object.entries(entries)) {
            if (v == null) store.delete(`${type}/${id}`);
            else store.set(`${type}/${id}`, v);
          }
      },
      transaction: async <T>(fn: () => Promise<T>) => fn(),
    } as unknown as SignalKeyStore;
    const preKeys: BaileysDevice['preKeys'] = [];
    for (let keyId = 1; keyId <= 3; keyId++) {
      const kp = Curve.generateKeyPair();
      void keys.set({ 'pre-key': { [keyId]: kp } });
      preKeys.push({ keyId, publicKey: kp.public });
    }
    const repo = makeLibSignalRepository(
      { creds, keys } as never,
      pino({ level: 'silent' }) as never,
      async () => undefined as never,
    );
    const companion: BaileysDevice = { device, creds, repo, mailbox: [], preKeys };
    a.companions.set(device, companion);
    return companion;
  }

  /** Decrypt the newest message in a Baileys companion's mailbox with Baileys' own code. */
  /** Decrypts `node` (default: the companion's latest) with Baileys' own Signal code; in arrival order. */
  async baileysDecrypt(
    companion: BaileysDevice,
    senderJid: string,
    node: BinaryNode = companion.mailbox.at(-1)!,
  ): Promise<{ type: string; message: proto.Message }> {
    const enc = (node.content as BinaryNode[]).find((c) => c.tag === 'enc')!;
    const type = enc.attrs.type as 'pkmsg' | 'msg';
    const plain = await companion.repo.decryptMessage({
      jid: senderJid,
      type,
      ciphertext: Buffer.from(enc.content as Uint8Array),
    });
    return { type, message: proto.Message.decode(unpadRandomMax16(plain)) };
  }

  private bundle(jid: string): PreKeyBundle | undefined {
    const a = this.account(jid);
    const d = parseJid(jid)?.device ?? 0;
    if (!a) return undefined;
    if (d === 0) {
      const preKey = a.bundle.preKeys.shift();
      return {
        registrationId: a.bundle.registrationId,
        identityKey: a.bundle.identityKey,
        signedPreKey: a.bundle.signedPreKey,
        ...(preKey ? { preKey } : {}),
      };
    }
    const c = a.companions.get(d);
    if (!c) return undefined;
    const spk = c.creds.signedPreKey;
    const preKey = c.preKeys.shift();
    return {
      registrationId: c.creds.registrationId,
      identityKey: c.creds.signedIdentityKey.public,
      signedPreKey: { keyId: spk.keyId, publicKey: spk.keyPair.public, signature: spk.signature },
      ...(preKey ? { preKey } : {}),
    };
  }

  private async route(fromPn: string, node: BinaryNode): Promise<void> {
    this.sent.push({ from: fromPn, node });
    const sender = this.account(fromPn)!;
    const t = String(Math.floor(this.clock / 1000));
    if (node.tag === 'message') {
      const deliveries: { jid: string; enc: BinaryNode }[] = [];
      const content = node.content as BinaryNode[];
      const participants = content.find((c) => c.tag === 'participants');
      if (participants)
        for (const to of participants.content as BinaryNode[])
          deliveries.push({ jid: to.attrs.jid!, enc: (to.content as BinaryNode[])[0]! });
      else deliveries.push({ jid: node.attrs.to!, enc: content.find((c) => c.tag === 'enc')! });
      this.hand(sender.phone, { tag: 'ack', attrs: { class: 'message', id: node.attrs.id!, from: node.attrs.to!, t } });
      for (const { jid, enc } of deliveries) {
        const target = this.account(jid)!;
        const device = parseJid(jid)!.device;
        const own = target === sender;
        const out: BinaryNode = {
          tag: 'message',
          attrs: {
            id: node.attrs.id!,
            t,
            type: node.attrs.type!,
            notify: sender.phone.pushName,
            ...(this.lidAddressing
              ? { from: `${sender.lid}@lid`, sender_pn: `${sender.pn}@s.whatsapp.net` }
              : { from: `${sender.pn}@s.whatsapp.net`, sender_lid: `${sender.lid}@lid` }),
            ...(node.attrs.category ? { category: node.attrs.category } : {}),
            ...(own && node.attrs.category !== 'peer' ? { recipient: node.attrs.to! } : {}),
          },
          content: [this.tamper(enc)],
        };
        if (device === 0) this.hand(target.phone, out);
        else target.companions.get(device)!.mailbox.push(out);
      }
    } else if (node.tag === 'receipt') {
      const target = this.account(node.attrs.to!)!;
      const from = this.lidAddressing ? `${sender.lid}@lid` : `${sender.pn}@s.whatsapp.net`;
      const { to, ...rest } = node.attrs;
      const receipt: BinaryNode = {
        tag: 'receipt',
        attrs: { ...rest, from },
        ...(node.content ? { content: node.content } : {}),
      };
      const device = parseJid(to!)!.device;
      if (device === 0) this.hand(target.phone, receipt);
      else target.companions.get(device)!.mailbox.push(receipt);
    }
  }
}

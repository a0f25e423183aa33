/**
 * A simulated primary phone: device 0 of one account. See README.md for how the server uses it.
 */
import type { proto } from 'baileys/WAProto/index.js';
import type { BinaryNode } from '../binary/types.js';
import { generateKeyPair, type KeyPair } from '../crypto/curve.js';
import { signCompanion, verifyCompanion, PairingError, type VerifiedCompanion } from '../crypto/adv.js';
import { enterCode, finishCode, type PendingCodeLink } from '../crypto/link-code.js';
import type { PhoneNetwork } from './network.js';
import type { SenderKeyState } from '../crypto/sender-keys.js';
import type { QrData } from './qr.js';
import { PhoneSignalStore, type SignalStoreJSON } from './signal-store.js';
import { PhoneSessions, lidJid, pnJid } from './sessions.js';
import { historySyncNotification, textMessage } from './messages.js';
import { sendPeer, sendToChannel, sendToPeer, NotOnWhatsAppError } from './outgoing.js';
import { sendToGroup } from './group-send.js';
import { ensureAppStateKey, keyShareMessage, type AppStateKey } from './app-state-keys.js';
import { receive } from './incoming.js';
import type { InboxEntry, PhoneCore, PresenceSeen, SentMessage, UnhandledStanza } from './core.js';
import { mediaMessage, type MediaToSend, type SendableKind } from './media.js';
import { edit, keyOf, reaction, revoke, UnknownMessageError, type Composed } from './compose.js';
import { readContent } from './content.js';
import { applyAction } from './actions.js';
import { newCallId, offerStanza, remember as rememberCall, type CallRecord } from './calls.js';

export { PairingError, NotOnWhatsAppError, UnknownMessageError };
export type { InboxEntry, SentMessage, UnhandledStanza, QrData, PresenceSeen, MediaToSend, SendableKind };

/** One-time prekeys device 0 starts with (the server refills through `generatePreKeys`). */
const INITIAL_PREKEYS = 100;

export interface SimPhoneJSON {
  v: 1;
  pn: string;
  lid: string;
  pushName: string;
  rawId: number;
  nextKeyIndex: number;
  signal: SignalStoreJSON;
  inbox: InboxEntry[];
  sent: SentMessage[];
  /** `senderPn/id` → copies decrypted (absent in older state files: rebuilt from the inbox). */
  seen?: [string, number][];
  /** Group sender keys (ours and members'), by `group::lid:device`. */
  senderKeys?: [string, SenderKeyState][];
  appStateKeys?: AppStateKey[];
}

export interface KeyBundleUpload {
  registrationId: number;
  identityKey: Uint8Array;
  signedPreKey: { keyId: number; publicKey: Uint8Array; signature: Uint8Array };
  preKeys: { keyId: number; publicKey: Uint8Array }[];
}

export class SimPhone implements PhoneCore {
  readonly sessions: PhoneSessions;
  readonly received: InboxEntry[] = [];
  readonly outbox = new Map<string, SentMessage>();
  readonly problems: UnhandledStanza[] = [];
  readonly presences: PresenceSeen[] = [];
  readonly calls: CallRecord[] = [];
  readonly seen = new Map<string, number>();
  readonly senderKeys = new Map<string, SenderKeyState>();
  /** The app-state sync key(s) shared with companions (app-state-keys.ts). */
  readonly appStateKeys: AppStateKey[] = [];
  /** Pairing-code links waiting for the companion's `companion_finish`, newest last. */
  private pendingCodes: PendingCodeLink[] = [];
  private initialPreKeys: { keyId: number; publicKey: Uint8Array }[] = [];
  private inbound: Promise<void> = Promise.resolve();

  private constructor(
    readonly pn: string,
    readonly lid: string,
    readonly pushName: string,
    readonly network: PhoneNetwork,
    private readonly signal: PhoneSignalStore,
    /** ADV rawId: identifies this account's key-index lineage. */
    private readonly rawId: number,
    private nextKeyIndex: number,
  ) {
    this.sessions = new PhoneSessions(signal, network);
  }

  static create(opts: { pn: string; lid: string; network: PhoneNetwork; pushName?: string }): SimPhone {
    const account = generateKeyPair();
    const phone = new SimPhone(
      opts.pn,
      opts.lid,
      opts.pushName ?? `Sim ${opts.pn.slice(-4)}`,
      opts.network,
      PhoneSignalStore.create(account),
      Math.floor(Math.random() * 0x7fffffff),
      1,
    );
    phone.initialPreKeys = phone.signal.generatePreKeys(INITIAL_PREKEYS);
    return phone;
  }

  /** The account key (32 raw bytes): ADV accountSignatureKey and device 0's Signal identity. */
  get accountPublicKey(): Uint8Array {
    return this.signal.identity.public;
  }

  private get account(): KeyPair {
    return this.signal.identity;
  }

  /** Device 0's upload for the server's bundle store: identity, signed prekey, first one-time prekeys. */
  keyBundle(): KeyBundleUpload {
    const spk = this.signal.signedPreKey;
    return {
      registrationId: this.signal.registrationId,
      identityKey: this.signal.identity.public,
      signedPreKey: { keyId: spk.keyId, publicKey: spk.keyPair.public, signature: spk.signature },
      preKeys: this.initialPreKeys,
    };
  }

  retryKeys(): ReturnType<PhoneCore['retryKeys']> {
    const spk = this.signal.signedPreKey;
    const [preKey] = this.signal.generatePreKeys(1);
    return {
      identity: this.signal.identity.public,
      preKey: preKey!,
      signedPreKey: { keyId: spk.keyId, publicKey: spk.keyPair.public, signature: spk.signature },
    };
  }

  /** More one-time prekeys for device 0 (the phone keeps the private halves). */
  generatePreKeys(count: number): { keyId: number; publicKey: Uint8Array }[] {
    return this.signal.generatePreKeys(count);
  }

  // ---- pairing -------------------------------------------------------------------------------

  /** Sign a companion for `<pair-success>` (design §4 steps 1–5). The server picks the device id. */
  signCompanion(opts: { identityKey: Uint8Array; advSecret: Uint8Array; hosted?: boolean }): {
    keyIndex: number;
    deviceIdentity: Uint8Array;
  } {
    const keyIndex = this.nextKeyIndex++;
    const { deviceIdentity } = signCompanion({
      account: this.account,
      companionIdentityKey: opts.identityKey,
      advSecret: opts.advSecret,
      rawId: this.rawId,
      keyIndex,
      timestamp: Math.floor(this.network.now() / 1000),
      ...(opts.hosted ? { hosted: true } : {}),
    });
    return { keyIndex, deviceIdentity };
  }

  /** Check the companion's `<pair-device-sign>` device identity strictly; throws PairingError. */
  verifyCompanion(content: Uint8Array, identityKey: Uint8Array): VerifiedCompanion {
    return verifyCompanion(content, this.account.public, identityKey);
  }

  /** The user typed `code` on the phone: unwrap the companion's ephemeral, wrap ours. */
  async enterCode(
    code: string,
    wrappedCompanionEphemeral: Uint8Array,
  ): Promise<{ primaryIdentityPub: Uint8Array; wrappedPrimaryEphemeral: Uint8Array }> {
    const { pending, wrappedPrimaryEphemeral } = await enterCode(code, wrappedCompanionEphemeral);
    this.pendingCodes = [...this.pendingCodes.slice(-4), pending];
    return { primaryIdentityPub: this.account.public, wrappedPrimaryEphemeral };
  }

  /** The companion's `companion_finish`: derive the advSecret. Throws PairingError (e.g. a wrong code). */
  finishCode(wrappedKeyBundle: Uint8Array, companionIdentityPub: Uint8Array): { advSecret: Uint8Array } {
    let lastError: unknown = new PairingError('no pairing code was entered on this phone');
    // Newest first: the pending entry is the one whose ephemeral opens this bundle.
    for (let i = this.pendingCodes.length - 1; i >= 0; i--) {
      try {
        const result = finishCode(this.pendingCodes[i]!, this.account, wrappedKeyBundle, companionIdentityPub);
        this.pendingCodes.splice(i, 1);
        return result;
      } catch (err) {
        lastError = err;
      }
    }
    throw lastError;
  }

  /**
   * A companion was linked as `deviceId`: send it the history-sync bootstrap with our push name
   * (design §6) as a peer message. Best sent once the companion is online after its first login.
   */
  async companionLinked(deviceId: number): Promise<{ id: string }> {
    const message = historySyncNotification(this.pn, this.lid, this.pushName, Math.floor(this.network.now() / 1000));
    const { id } = await sendPeer(this, deviceId, message);
    ensureAppStateKey(this.appStateKeys, this.network.now());
    await sendPeer(this, deviceId, keyShareMessage(this.appStateKeys));
    return { id };
  }

  // ---- messaging -----------------------------------------------------------------------------

  /**
   * Every stanza addressed to device 0. Handled one at a time in arrival order, so a `msg` is never
   * decrypted before the `pkmsg` that opened its session.
   */
  receive(node: BinaryNode): Promise<void> {
    const run = this.inbound.then(() => receive(this, node));
    this.inbound = run.catch(() => undefined);
    return run;
  }

  /** Send an encrypted text to `to` (a number, `+number`, PN jid or LID jid). */
  async sendText(to: string, text: string): Promise<{ id: string }> {
    return this.sendMessage(to, textMessage(text));
  }

  /** Encrypt and upload a file to the media host, then send it as an image/video/audio/document/sticker. */
  async sendMedia(to: string, kind: SendableKind, media: MediaToSend): Promise<{ id: string }> {
    return this.sendMessage(to, await mediaMessage(this.network, kind, media, Math.floor(this.network.now() / 1000)));
  }

  /** React to message `id` of the chat with `to` (ours or theirs); `''` removes our reaction. */
  async sendReaction(to: string, id: string, emoji: string): Promise<{ id: string }> {
    return this.sendAction(to, (peer) => reaction(keyOf(this, peer, id), emoji, this.network.now()));
  }

  /** Edit the text of a message we sent to `to`. */
  async sendEdit(to: string, id: string, text: string): Promise<{ id: string }> {
    return this.sendAction(to, (peer) => edit(keyOf(this, peer, id), text, this.network.now()));
  }

  /** Delete a message we sent to `to` for everyone. */
  async sendRevoke(to: string, id: string): Promise<{ id: string }> {
    return this.sendAction(to, (peer) => revoke(keyOf(this, peer, id)));
  }

  /**
   * Show a chat state to `to` (`composing`, `recording`, `paused`), or our presence
   * (`available`, `unavailable`) to subscribers and chat partners, as Baileys' sendPresenceUpdate.
   */
  async sendPresence(type: PresenceSeen['type'], to?: string): Promise<void> {
    if (type === 'available' || type === 'unavailable') {
      await this.network.send({ tag: 'presence', attrs: { type, name: this.pushName } });
      return;
    }
    const peer = to ? await this.network.lookup(to.replace(/^\+/, '')) : undefined;
    if (!peer) throw new NotOnWhatsAppError(`${to ?? '(no "to")'} is not on the simulated network`);
    const state: BinaryNode =
      type === 'recording' ? { tag: 'composing', attrs: { media: 'audio' } } : { tag: type, attrs: {} };
    await this.network.send({
      tag: 'chatstate',
      attrs: { to: to!.endsWith('@lid') ? lidJid(peer.lid, 0) : pnJid(peer.pn) },
      content: [state],
    });
  }

  /** Ring `to` (every device of it): a call offer; answers land in `callLog()`. */
  async call(to: string, video = false): Promise<{ id: string }> {
    const peer = await this.network.lookup(to.replace(/^\+/, ''));
    if (!peer) throw new NotOnWhatsAppError(`${to} is not on the simulated network`);
    const id = newCallId();
    const at = new Date(this.network.now()).toISOString();
    rememberCall(this.calls, {
      id,
      direction: 'out',
      peer: peer.pn,
      to: peer.pn,
      video,
      status: 'offered',
      at,
      updated_at: at,
    });
    await this.network.send(offerStanza(this, pnJid(peer.pn), id, video));
    return { id };
  }

  /** Calls this phone offered or was offered, with their outcome. */
  callLog(): CallRecord[] {
    return [...this.calls];
  }

  /** Chatstates and presences delivered to this phone, oldest first. */
  presence(): PresenceSeen[] {
    return [...this.presences];
  }

  private async sendAction(to: string, build: (peerJid: string) => Composed): Promise<{ id: string }> {
    const peer = await this.network.lookup(to.replace(/^\+/, ''));
    if (!peer) throw new NotOnWhatsAppError(`${to} is not on the simulated network`);
    const { message, attrs } = build(pnJid(peer.pn));
    const sent = await this.sendMessage(to, message, attrs);
    // Our own copy shows the action too, as on a real phone.
    const { action } = readContent(message);
    if (action) applyAction(this, action, this.pn, new Date(this.network.now()).toISOString());
    return sent;
  }

  /** Send any Message to `to` (`attrs`: extra `<message>` attributes such as `edit`). */
  async sendMessage(to: string, message: proto.IMessage, attrs: Record<string, string> = {}): Promise<{ id: string }> {
    if (to.endsWith('@newsletter')) return sendToChannel(this, to, message, attrs);
    return to.endsWith('@g.us') ? sendToGroup(this, to, message, attrs) : sendToPeer(this, to, message, attrs);
  }

  /** A read or played receipt for a message in the inbox (Baileys `readMessages`). */
  async sendReceipt(id: string, type: 'read' | 'played'): Promise<void> {
    const entry = this.received.find((m) => m.id === id);
    if (!entry) throw new Error(`message ${id} is not in the inbox of ${this.pn}`);
    const to: Record<string, string> = entry.group
      ? { to: entry.group, participant: entry.from_jid }
      : { to: entry.from_jid };
    await this.network.send({
      tag: 'receipt',
      attrs: { id, ...to, type, t: String(Math.floor(this.network.now() / 1000)) },
    });
    if (!entry.receipts.includes(type)) entry.receipts.push(type);
  }

  /** Decrypted messages received, oldest first. */
  inbox(): InboxEntry[] {
    return [...this.received];
  }

  /** What this account sent (from the phone, or seen as deviceSentMessage from its companions), with statuses. */
  sent(): SentMessage[] {
    return [...this.outbox.values()];
  }

  unhandled(): UnhandledStanza[] {
    return [...this.problems];
  }

  // ---- persistence ---------------------------------------------------------------------------

  toJSON(): SimPhoneJSON {
    return {
      v: 1,
      pn: this.pn,
      lid: this.lid,
      pushName: this.pushName,
      rawId: this.rawId,
      nextKeyIndex: this.nextKeyIndex,
      signal: this.signal.toJSON(),
      inbox: this.received,
      sent: [...this.outbox.values()],
      seen: [...this.seen],
      senderKeys: [...this.senderKeys],
      appStateKeys: this.appStateKeys,
    };
  }

  static fromJSON(json: SimPhoneJSON, network: PhoneNetwork): SimPhone {
    if (json.v !== 1) throw new Error(`unknown SimPhone state version ${String(json.v)}`);
    const phone = new SimPhone(
      json.pn,
      json.lid,
      json.pushName,
      network,
      PhoneSignalStore.fromJSON(json.signal),
      json.rawId,
      json.nextKeyIndex,
    );
    phone.received.push(...json.inbox);
    for (const [name, state] of json.senderKeys ?? []) phone.senderKeys.set(name, state);
    phone.appStateKeys.push(...(json.appStateKeys ?? []));
    for (const [key, copies] of json.seen ??
      json.inbox.map((m) => [`${m.from}/${m.id}`, m.copies ?? 1] as [string, number]))
      phone.seen.set(key, copies);
    for (const m of json.sent) phone.outbox.set(m.id, m);
    return phone;
  }
}

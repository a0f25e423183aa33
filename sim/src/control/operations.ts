import { NotOnWhatsAppError, type SimPhone } from '../phone/index.js';
import type { Simulator } from '../server/simulator.js';
import { LinkError, enterLinkCode, scanQr } from '../server/pairing.js';
import { unlinkAll } from '../server/unlink.js';
import type { AccountRecord } from '../state/types.js';
import type { DeviceQueues } from '../state/queues.js';
import { InvalidBody, isKindBody, sendKind } from './messages.js';

import { ControlError } from './errors.js';
import { GroupControl } from './groups.js';
import { ProfileControl } from './profile.js';
import { NewsletterControl } from './newsletters.js';

export { ControlError };

export interface AccountView {
  phone: string;
  lid: string;
  pushName?: string;
  devices: number[];
}

export interface SimStats {
  connections: { total: number; open: number; linked: number };
  accounts: number;
  logins: number;
  links: number;
  stanzas: { in: number; out: number };
  relayed: { messages: number; receipts: number };
  queued: number;
  /** `pn:device` → stanzas that device has not acknowledged yet (written or not). */
  unacked: Record<string, number>;
  messages: Record<string, { sent: number; received: number }>;
  unhandled: number;
}

/**
 * The operations behind the control API, callable in-process too (tests, the demo). Every phone
 * action goes through the account's simulated phone, as a real user's phone would act.
 */
export class SimControl {
  /** Groups as the phones act on them (control/groups.ts). */
  readonly groups: GroupControl;
  /** About, picture, push name and block list of the phones (control/profile.ts). */
  readonly profiles: ProfileControl;
  /** Channels of the phones (control/newsletters.ts). */
  readonly newsletters: NewsletterControl;

  constructor(private readonly sim: Simulator) {
    this.groups = new GroupControl(sim);
    this.profiles = new ProfileControl(sim);
    this.newsletters = new NewsletterControl(sim);
  }

  createAccount(phone: string, pushName?: string): AccountView {
    try {
      return this.view(this.sim.accounts.create(phone, pushName));
    } catch (err) {
      throw new ControlError(400, 'INVALID_PHONE', (err as Error).message);
    }
  }

  listAccounts(): AccountView[] {
    return this.sim.store.all().map((a) => this.view(a));
  }

  account(phone: string): AccountRecord {
    const a = this.sim.accounts.resolve(phone);
    if (!a) throw new ControlError(404, 'ACCOUNT_NOT_FOUND', `no simulated account ${phone}`);
    return a;
  }

  async link(phone: string, qr: string): Promise<{ jid: string; lid: string; device: number }> {
    const a = this.account(phone);
    const c = await this.linking(() => scanQr(this.sim, a, qr));
    return { jid: `${a.pn}:${c.id}@s.whatsapp.net`, lid: `${a.lid}:${c.id}@lid`, device: c.id };
  }

  async linkCode(phone: string, code: string): Promise<{ jid: string; lid: string; device: number }> {
    const a = this.account(phone);
    const c = await this.linking(() => enterLinkCode(this.sim, a, code));
    return { jid: `${a.pn}:${c.id}@s.whatsapp.net`, lid: `${a.lid}:${c.id}@lid`, device: c.id };
  }

  unlink(phone: string): { unlinked: number[] } {
    return { unlinked: unlinkAll(this.sim, this.account(phone)) };
  }

  async sendText(phone: string, to: string, text: string): Promise<{ id: string }> {
    const a = this.account(phone);
    return this.toRecipient(to, () => this.phone(a).sendText(to, text));
  }

  /**
   * `{to, text}` or any kind control/messages.ts reads (media, reaction, edit, revoke), sent by the
   * account's phone.
   */
  async send(phone: string, body: Record<string, unknown>): Promise<{ id: string }> {
    const to = body.to;
    if (typeof to !== 'string' || !to) throw new ControlError(400, 'INVALID_BODY', '"to" (string) is required');
    if (!isKindBody(body)) {
      if (typeof body.text !== 'string' || !body.text)
        throw new ControlError(400, 'INVALID_BODY', '"text" (string) is required');
      return this.sendText(phone, to, body.text);
    }
    const a = this.account(phone);
    try {
      return await this.toRecipient(to, () => sendKind(this.phone(a), to, body));
    } catch (err) {
      if (err instanceof InvalidBody) throw new ControlError(400, 'INVALID_BODY', err.message);
      if ((err as Error)?.name === 'UnknownMessageError')
        throw new ControlError(404, 'MESSAGE_NOT_FOUND', (err as Error).message);
      throw err;
    }
  }

  /** What the account sent (phone or companions), with statuses, read_by/played_by and actions. */
  sent(phone: string): unknown[] {
    return this.phone(this.account(phone)).sent();
  }

  /** Chatstates and presences the account's phone saw: `[{from, type, at}]`. */
  presence(phone: string): unknown[] {
    return this.phone(this.account(phone)).presence();
  }

  /** `{type, to?}`: the phone shows a chat state to `to`, or goes available/unavailable. */
  async setPresence(phone: string, type: string, to: string | undefined): Promise<{ ok: true }> {
    const types = ['composing', 'recording', 'paused', 'available', 'unavailable'];
    if (!types.includes(type)) throw new ControlError(400, 'INVALID_BODY', `"type" must be one of ${types.join(', ')}`);
    const chat = type !== 'available' && type !== 'unavailable';
    if (chat && !to) throw new ControlError(400, 'INVALID_BODY', `"to" is required for ${type}`);
    const p = this.phone(this.account(phone));
    await this.toRecipient(to ?? '', () => p.sendPresence(type as 'composing', chat ? to : undefined));
    return { ok: true };
  }

  /** `{to, video?}`: the phone rings `to` (a call offer to each of its devices) → `{id}` (the call-id). */
  async call(phone: string, to: string, video: boolean): Promise<{ id: string }> {
    const a = this.account(phone);
    return this.toRecipient(to, () => this.phone(a).call(to, video));
  }

  /** Calls of the account's phone: `[{id, direction, peer, to?, from?, video, status, by?, at, updated_at}]`. */
  calls(phone: string): unknown[] {
    return this.phone(this.account(phone)).callLog();
  }

  inbox(phone: string): unknown[] {
    return this.phone(this.account(phone)).inbox();
  }

  async receipt(phone: string, id: string, type: 'read' | 'played'): Promise<{ ok: true }> {
    if (type !== 'read' && type !== 'played')
      throw new ControlError(400, 'INVALID_RECEIPT_TYPE', 'type must be "read" or "played"');
    await this.phone(this.account(phone)).sendReceipt(id, type);
    return { ok: true };
  }

  stats(): SimStats {
    const s = this.sim.stats;
    const messages: SimStats['messages'] = {};
    for (const a of this.sim.store.all())
      messages[a.pn] = { sent: s.sentBy.get(a.pn) ?? 0, received: s.receivedBy.get(a.pn) ?? 0 };
    const open = [...this.sim.sessions.values()].filter((x) => x.conn.isOpen);
    return {
      connections: { total: s.connections, open: open.length, linked: open.filter((x) => x.pn).length },
      accounts: this.sim.store.all().length,
      logins: s.logins,
      links: s.links,
      stanzas: { in: s.stanzasIn, out: s.stanzasOut },
      relayed: { messages: s.messagesRelayed, receipts: s.receiptsRelayed },
      queued: this.sim.store.queues.count(),
      unacked: this.sim.store.queues.sizes(),
      messages,
      unhandled: this.sim.unhandledStanzas().length,
    };
  }

  /** Every stanza a device has not acknowledged yet (what a crashed client would get again). */
  unacked(): ReturnType<DeviceQueues['listing']> {
    return this.sim.store.queues.listing();
  }

  /** The simulated phone of an account (404 when there is no such account). */
  phoneOf(phone: string): SimPhone {
    return this.phone(this.account(phone));
  }

  private phone(a: AccountRecord) {
    const p = this.sim.accounts.phone(a.pn);
    if (!p) throw new ControlError(500, 'NO_PHONE', `account ${a.pn} has no phone`);
    return p;
  }

  /** Runs a phone action towards `to`; the phone finding nobody there is a 404 for the caller. */
  private async toRecipient<T>(to: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof NotOnWhatsAppError)
        throw new ControlError(404, 'RECIPIENT_NOT_FOUND', `${to} is not a simulated account`);
      throw err;
    }
  }

  private async linking<T>(fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof LinkError) throw new ControlError(err.status, 'LINK_FAILED', err.message);
      const name = (err as Error)?.name;
      if (name === 'PairingError') throw new ControlError(400, 'LINK_FAILED', (err as Error).message);
      throw err;
    }
  }

  private view(a: AccountRecord): AccountView {
    return {
      phone: a.pn,
      lid: a.lid,
      ...(a.pushName ? { pushName: a.pushName } : {}),
      devices: this.sim.accounts.devices(a),
    };
  }
}

import { randomInt } from 'node:crypto';
import { children, node as mk, parseJid } from '../binary/index.js';
import { syncAppState } from './app-state.js';
import { SimPhone } from '../phone/index.js';
import type { AccountAddress, PhoneNetwork } from '../phone/network.js';
import type { AccountRecord } from '../state/types.js';
import { bundleToRecord, takeBundle } from './bundles.js';
import { routeFromDevice } from './dispatch.js';
import type { Simulator } from './simulator.js';

/**
 * The account registry: each simulated account has a phone number, a fixed LID and a phone (its
 * device 0). Resolves any name (number, +number, PN or LID jid) to the account.
 */
export class Accounts {
  private readonly phones = new Map<string, SimPhone>();

  constructor(private readonly sim: Simulator) {
    for (const a of sim.store.all()) {
      if (a.phone) this.phones.set(a.pn, SimPhone.fromJSON(a.phone as never, this.network(a)));
    }
  }

  /** Idempotent per number: a second call returns the same account. */
  create(pnInput: string, pushName?: string): AccountRecord {
    const pn = pnInput.replace(/^\+/, '').replace(/@.*$/, '');
    if (!/^\d{6,15}$/.test(pn)) throw new Error(`invalid phone number "${pnInput}"`);
    const existing = this.sim.store.byPn(pn);
    if (existing) return existing;
    let lid: string;
    do lid = String(randomInt(10_000_000, 99_999_999)) + String(randomInt(1_000_000, 9_999_999));
    while (this.sim.store.lidAccount(lid));
    const account: AccountRecord = {
      pn,
      lid,
      createdAt: Date.now(),
      companions: [],
      nextDeviceId: 1,
      ...(pushName ? { pushName } : {}),
    };
    const phone = SimPhone.create({ pn, lid, network: this.network(account), ...(pushName ? { pushName } : {}) });
    this.phones.set(pn, phone);
    // The phone's default push name is what peers and its companions see as `notify` (H3).
    account.pushName ??= phone.pushName;
    account.phoneBundle = bundleToRecord(phone.keyBundle());
    account.phone = phone.toJSON();
    this.sim.store.add(account);
    return account;
  }

  phone(pn: string): SimPhone | undefined {
    return this.phones.get(pn);
  }

  /** Any name of an account → the account; undefined when nobody has it. */
  resolve(id: string): AccountRecord | undefined {
    const store = this.sim.store;
    if (id.includes('@')) {
      const jid = parseJid(id);
      if (!jid) return undefined;
      return jid.server === 'lid' ? store.lidAccount(jid.user) : store.byPn(jid.user);
    }
    const user = id.replace(/^\+/, '');
    return store.byPn(user) ?? store.lidAccount(user);
  }

  address(a: AccountRecord): AccountAddress {
    return { pn: a.pn, lid: a.lid };
  }

  devices(a: AccountRecord): number[] {
    return [0, ...a.companions.map((c) => c.id)];
  }

  /** Serialises every phone into its account record, just before the state file is written. */
  snapshotPhones(): void {
    for (const a of this.sim.store.all()) {
      const phone = this.phones.get(a.pn);
      if (phone) a.phone = phone.toJSON();
    }
  }

  private network(account: AccountRecord): PhoneNetwork {
    const sim = this.sim;
    return {
      send: (node) => {
        // Sending advanced the phone's ratchets and outbox: persist them (the write is debounced).
        sim.store.changed();
        return routeFromDevice(sim, { pn: account.pn, device: 0, reply: (n) => sim.deliver(account.pn, 0, n) }, node);
      },
      devicesOf: (user) => {
        const a = this.resolve(user);
        return a ? this.devices(a) : [];
      },
      fetchBundle: (deviceJid) => {
        const jid = parseJid(deviceJid);
        const a = this.resolve(deviceJid);
        return a && jid ? takeBundle(sim, a, jid.device) : undefined;
      },
      lookup: (id) => {
        const a = this.resolve(id);
        return a ? this.address(a) : undefined;
      },
      downloadMedia: (pathOrUrl) => sim.media?.get(pathOrUrl),
      uploadMedia: (type, enc) => {
        if (!sim.media) throw new Error('the media host is not running');
        return sim.media.put(type, enc);
      },
      groupMembers: (groupJid) => {
        const g = sim.store.groups.get(groupJid.replace(/@g\.us$/, ''));
        return g?.members.flatMap((m) => {
          const a = sim.store.byPn(m.pn);
          return a ? [this.address(a)] : [];
        });
      },
      appState: {
        patches: () =>
          Object.fromEntries(
            Object.entries(account.appState ?? {}).map(([name, list]) => [
              name,
              list.map((b) => new Uint8Array(Buffer.from(b, 'base64'))),
            ]),
          ),
        push: (collection, version, patch) => {
          const iq = mk('iq', {}, [
            mk('sync', {}, [
              mk('collection', { name: collection, version: String(version) }, [mk('patch', {}, patch)]),
            ]),
          ]);
          const answer = syncAppState(sim, { pn: account.pn, device: 0 }, iq);
          return Array.isArray(answer) && children(answer[0], 'collection').every((c) => c.attrs.type !== 'error');
        },
      },
      now: () => Date.now(),
    };
  }
}

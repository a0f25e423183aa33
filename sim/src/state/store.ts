import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountRecord, GroupRecord, NewsletterRecord, StateFile } from './types.js';
import { DeviceQueues } from './queues.js';

/**
 * The simulator's durable state: accounts (with their phone and companions), key bundles and the
 * stanzas devices have not acknowledged (`queues`, state/queues.ts). Kept in memory; with a
 * `dataDir` it is written to `state.json` shortly after each change
 * (debounced, atomic rename) and on close, so a restarted simulator keeps every link.
 */
export class StateStore {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly byLid = new Map<string, AccountRecord>();
  readonly queues: DeviceQueues;
  /** Groups by the user part of their jid. */
  readonly groups = new Map<string, GroupRecord>();
  /** Channels by the user part of their jid. */
  readonly newsletters = new Map<string, NewsletterRecord>();
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string | undefined;
  private closed = false;
  /** Where write failures go (a full disk must not crash the simulator). */
  onError: (err: unknown) => void = () => {};

  constructor(
    dataDir?: string,
    private readonly debounceMs = 200,
  ) {
    this.file = dataDir ? join(dataDir, 'state.json') : undefined;
    const saved = this.read(dataDir);
    for (const a of saved?.accounts ?? []) this.index(a);
    for (const g of saved?.groups ?? []) this.groups.set(g.id, g);
    for (const n of saved?.newsletters ?? []) this.newsletters.set(n.id, n);
    this.queues = new DeviceQueues(saved?.queues ?? {});
  }

  /** The state file of `dataDir`, if there is one (the directory is created). */
  private read(dataDir: string | undefined): StateFile | undefined {
    if (!dataDir || !this.file) return undefined;
    mkdirSync(dataDir, { recursive: true });
    let raw: string;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      return undefined;
    }
    return JSON.parse(raw) as StateFile;
  }

  private index(a: AccountRecord): void {
    this.accounts.set(a.pn, a);
    this.byLid.set(a.lid, a);
  }

  all(): AccountRecord[] {
    return [...this.accounts.values()];
  }

  byPn(pn: string): AccountRecord | undefined {
    return this.accounts.get(pn);
  }

  lidAccount(lid: string): AccountRecord | undefined {
    return this.byLid.get(lid);
  }

  add(a: AccountRecord): void {
    this.index(a);
    this.changed();
  }

  /** Marks the state dirty; written after `debounceMs` (no-op without a data dir). */
  changed(): void {
    if (!this.file || this.timer || this.closed) return;
    this.timer = setTimeout(() => this.flush(), this.debounceMs);
    this.timer.unref();
  }

  /** Hook run before each write, so owners (phones) can serialise their latest state. */
  beforeWrite: () => void = () => {};

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.file) return;
    this.beforeWrite();
    const data: StateFile = {
      version: 1,
      accounts: this.all(),
      groups: [...this.groups.values()],
      newsletters: [...this.newsletters.values()],
      queues: this.queues.toJSON(),
    };
    const tmp = `${this.file}.tmp`;
    try {
      writeFileSync(tmp, JSON.stringify(data));
      renameSync(tmp, this.file);
    } catch (err) {
      this.onError(err);
    }
  }

  /** Final write; later changes are not persisted (the simulator is shutting down). */
  close(): void {
    this.flush();
    this.closed = true;
  }
}

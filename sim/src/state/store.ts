import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AccountRecord, StateFile } from './types.js';
import type { NodeJson } from '../binary/json.js';

/**
 * The simulator's durable state: accounts (with their phone and companions), key bundles and offline
 * queues. Kept in memory; with a `dataDir` it is written to `state.json` shortly after each change
 * (debounced, atomic rename) and on close, so a restarted simulator keeps every link.
 */
export class StateStore {
  private readonly accounts = new Map<string, AccountRecord>();
  private readonly byLid = new Map<string, AccountRecord>();
  private queues: Record<string, NodeJson[]> = {};
  private timer: NodeJS.Timeout | undefined;
  private readonly file: string | undefined;
  private closed = false;
  /** Where write failures go (a full disk must not crash the simulator). */
  onError: (err: unknown) => void = () => {};

  constructor(dataDir?: string, private readonly debounceMs = 200) {
    if (!dataDir) return;
    mkdirSync(dataDir, { recursive: true });
    this.file = join(dataDir, 'state.json');
    let raw: string | undefined;
    try {
      raw = readFileSync(this.file, 'utf8');
    } catch {
      return;
    }
    const parsed = JSON.parse(raw) as StateFile;
    for (const a of parsed.accounts) this.index(a);
    this.queues = parsed.queues ?? {};
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

  /** The offline queue of one device (`pn:device`); callers mutate and then call `changed()`. */
  queue(key: string): NodeJson[] {
    return (this.queues[key] ??= []);
  }

  takeQueue(key: string): NodeJson[] {
    const q = this.queues[key] ?? [];
    delete this.queues[key];
    if (q.length) this.changed();
    return q;
  }

  dropQueue(key: string): void {
    delete this.queues[key];
    this.changed();
  }

  queuedCount(): number {
    return Object.values(this.queues).reduce((n, q) => n + q.length, 0);
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
    const data: StateFile = { version: 1, accounts: this.all(), queues: this.queues };
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

/** Counters for `GET /sim/stats` and benchmarks. */
export class Stats {
  connections = 0;
  stanzasIn = 0;
  stanzasOut = 0;
  logins = 0;
  links = 0;
  messagesRelayed = 0;
  receiptsRelayed = 0;
  /** Messages sent per account (pn). */
  readonly sentBy = new Map<string, number>();
  /** Messages delivered per account (pn). */
  readonly receivedBy = new Map<string, number>();

  bump(map: Map<string, number>, key: string): void {
    map.set(key, (map.get(key) ?? 0) + 1);
  }
}

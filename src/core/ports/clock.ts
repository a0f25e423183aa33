/** Where "now" comes from, so tests can fake time without touching globals. */
export interface Clock {
  /** The current instant. */
  now(): Date;
}

export const systemClock: Clock = { now: () => new Date() };

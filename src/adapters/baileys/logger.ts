// Baileys wants a pino-like logger; we hand it a child of ours at a quieter level, because Baileys
// logs protocol chatter at info/debug that is noise for an operator.
import type { ILogger } from 'baileys/lib/Utils/logger.js';

export type BaileysLogger = ILogger;

/** The subset of a pino logger we need to build Baileys' one. */
export interface PinoLike {
  child(bindings: Record<string, unknown>, options?: { level?: string }): PinoLike;
  level: string;
  trace(obj: unknown, msg?: string): void;
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

export function baileysLogger(parent: PinoLike, sessionId: string, level = 'warn'): BaileysLogger {
  return parent.child({ sessionId, component: 'baileys' }, { level }) as unknown as BaileysLogger;
}

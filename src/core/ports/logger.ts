// The logging port: the slice of pino the core uses. Always log an object first, then a message,
// so fields stay searchable: `logger.info({ sessionId }, 'session created')`.

export interface Logger {
  trace(obj: object, msg?: string): void;
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  /** A logger that adds `bindings` (requestId, accountId, sessionId) to every line. */
  child(bindings: Record<string, unknown>): Logger;
}

/** Drops everything; for unit tests of one function. */
export const silentLogger: Logger = {
  trace: () => {},
  debug: () => {},
  info: () => {},
  warn: () => {},
  error: () => {},
  child: () => silentLogger,
};

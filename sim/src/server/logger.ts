/** The few logger methods the simulator uses; pino loggers fit. */
export interface SimLogger {
  debug(obj: unknown, msg?: string): void;
  info(obj: unknown, msg?: string): void;
  warn(obj: unknown, msg?: string): void;
  error(obj: unknown, msg?: string): void;
}

const noop = (): void => {};

/** Default: quiet, except problems, which go to stderr so gaps are seen. */
export const defaultLogger: SimLogger = {
  debug: noop,
  info: noop,
  warn: (obj, msg) => console.warn('[sim]', msg ?? '', obj),
  error: (obj, msg) => console.error('[sim]', msg ?? '', obj),
};

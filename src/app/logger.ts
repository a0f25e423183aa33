// pino, pretty only on a TTY (or WAGATE_LOG_PRETTY). Tokens and secrets are redacted wherever they
// appear in logged request objects.
import { pino, type Logger as PinoLogger } from 'pino';
import type { Config } from './config.js';

export function createLogger(config: Config['log']): PinoLogger {
  return pino({
    level: config.level,
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers["x-api-key"]',
        'headers.authorization',
        'token',
        '*.token',
        'raw',
        'masterKey',
        'config.security.masterKey',
      ],
      censor: '[redacted]',
    },
    ...(config.pretty ? { transport: { target: 'pino-pretty', options: { translateTime: 'SYS:HH:MM:ss.l', ignore: 'pid,hostname' } } } : {}),
  });
}

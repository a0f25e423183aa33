// pino. On a terminal (or WAGATE_LOG_PRETTY=1): short human lines, one per request
// (`10:02:03 POST /v1/sessions 201 3ms`), so the start-up recipe stays on screen. Otherwise (or
// WAGATE_LOG_PRETTY=0): one JSON object per line. Tokens and secrets are redacted wherever they
// appear in logged objects.
import { pino, type Logger as PinoLogger } from 'pino';
import pretty from 'pino-pretty';
import type { Config } from './config.js';

/** The per-request line's fields (src/surfaces/http/plugins/request-log.ts): its message already says them. */
const REQUEST_FIELDS = 'http,reqId,accountId,sessionId';

function terminal(): NodeJS.WritableStream {
  // In-process (not a worker transport) so the options can hold functions; synchronous so the last
  // lines before an exit are not lost.
  return pretty({
    sync: true,
    translateTime: 'SYS:HH:MM:ss',
    ignore: `pid,hostname,${REQUEST_FIELDS}`,
    // A request line is its message alone; other lines keep their fields, on one line.
    singleLine: true,
  });
}

export function createLogger(config: Config['log']): PinoLogger {
  const options = {
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
  };
  return config.pretty ? pino(options, terminal()) : pino(options);
}

// Every way Baileys (and the ws/net layers under it) says "the connection is gone", mapped to the
// one port-level ConnectionLostError. The runtime requeues on that error and fails a message only
// for anything else, so a miss here turns a network blip into a failed message: keep it broad.
import { ConnectionLostError } from '../../core/errors.js';

/** Baileys' DisconnectReason codes that mean network trouble: 408 lost/timed out, 428 closed. */
const LOST_STATUS_CODES = new Set([408, 428]);

/** Node and ws error codes of a broken or closed socket. */
const LOST_ERRNO = new Set([
  'EPIPE',
  'ECONNRESET',
  'ECONNABORTED',
  'ECONNREFUSED',
  'ETIMEDOUT',
  'ENOTCONN',
  'ERR_STREAM_DESTROYED',
  'ERR_STREAM_WRITE_AFTER_END',
]);

/** Messages of errors thrown without a useful code (Boom 'Connection Closed', ws 'WebSocket is not open…'). */
const LOST_MESSAGE =
  /connection (closed|lost|terminated|was lost)|socket (is )?not open|websocket is not open|not connected|timed out|epipe|econnreset|write after end/i;

interface ErrorLike {
  message?: unknown;
  code?: unknown;
  output?: { statusCode?: unknown };
  cause?: unknown;
}

export function isConnectionLoss(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 3) return false;
  if (err instanceof ConnectionLostError) return true;
  const e = err as ErrorLike;
  if (typeof e.output?.statusCode === 'number' && LOST_STATUS_CODES.has(e.output.statusCode)) return true;
  if (typeof e.code === 'string' && LOST_ERRNO.has(e.code)) return true;
  if (typeof e.message === 'string' && LOST_MESSAGE.test(e.message)) return true;
  return isConnectionLoss(e.cause, depth + 1);
}

/** Runs `operation`; a connection-level failure is rethrown as ConnectionLostError (with the original as cause). */
export async function mapConnectionLoss<T>(operation: () => Promise<T>): Promise<T> {
  try {
    return await operation();
  } catch (err) {
    if (err instanceof ConnectionLostError || !isConnectionLoss(err)) throw err;
    throw new ConnectionLostError(
      `The connection to WhatsApp was lost: ${err instanceof Error ? err.message : String(err)}`,
      { cause: err },
    );
  }
}

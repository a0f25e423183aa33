// Caps on media uploads being received at once, taken before the body is read: in the whole
// process (bounds memory, disk bandwidth and file descriptors) and per account (one tenant cannot
// take every slot). Over a cap → 429 UPLOADS_BUSY with Retry-After; the client retries shortly.
// A slot is given back when the response is done or the connection closes, whichever comes first.
import type { FastifyReply, FastifyRequest } from 'fastify';
import { RateLimitedError } from '../../../core/errors.js';
import { getScope } from './auth.js';

export interface UploadSlotLimits {
  /** Uploads in flight in the whole process. */
  inFlight: number;
  /** Uploads in flight per account. */
  inFlightPerAccount: number;
}

const RETRY_AFTER_MS = 1_000;

/** An onRequest hook (after auth) for upload routes. */
export function uploadSlots(limits: UploadSlotLimits): (req: FastifyRequest, reply: FastifyReply) => Promise<void> {
  let total = 0;
  const perAccount = new Map<string, number>();
  return async (req, reply) => {
    const { accountId } = getScope(req);
    const mine = perAccount.get(accountId) ?? 0;
    if (total >= limits.inFlight || mine >= limits.inFlightPerAccount) {
      const which =
        total >= limits.inFlight ? `${limits.inFlight} on this server` : `${limits.inFlightPerAccount} per account`;
      throw new RateLimitedError(RETRY_AFTER_MS, `Too many uploads in progress (at most ${which}); retry in a moment`, {
        code: 'UPLOADS_BUSY',
      });
    }
    total++;
    perAccount.set(accountId, mine + 1);
    let released = false;
    const release = () => {
      if (released) return;
      released = true;
      total--;
      const left = (perAccount.get(accountId) ?? 1) - 1;
      if (left > 0) perAccount.set(accountId, left);
      else perAccount.delete(accountId);
    };
    reply.raw.once('close', release);
    reply.raw.once('finish', release);
  };
}

import { node as mk } from '../binary/index.js';
import { newsletterQuery } from '../server/newsletters.js';
import type { Simulator } from '../server/simulator.js';
import { ControlError } from './errors.js';

/** Baileys' query ids (Types/Mex.js), as the phone's own queries use them. */
const CREATE = '8823471724422422';
const FOLLOW = '24404358912487870';
const UNFOLLOW = '9767147403369991';

/**
 * Channels as a simulated phone uses them (control API): the same `w:mex` queries a device sends,
 * run as device 0. Posts go through `POST …/messages {to: '<id>@newsletter', text}`.
 */
export class NewsletterControl {
  constructor(private readonly sim: Simulator) {}

  create(pn: string, name: string, description?: string): unknown {
    return this.ask(pn, CREATE, { input: { name, description: description ?? null } }).xwa2_newsletter_create;
  }

  follow(pn: string, jid: string, follow: boolean): { ok: true } {
    this.ask(pn, follow ? FOLLOW : UNFOLLOW, {
      newsletter_id: jid.endsWith('@newsletter') ? jid : `${jid}@newsletter`,
    });
    return { ok: true };
  }

  private ask(pn: string, queryId: string, variables: Record<string, unknown>): Record<string, unknown> {
    const iq = mk('iq', { xmlns: 'w:mex', type: 'get', to: 's.whatsapp.net', id: this.sim.nextId() }, [
      mk('query', { query_id: queryId }, Buffer.from(JSON.stringify({ variables }), 'utf8')),
    ]);
    const answer = newsletterQuery(this.sim, { pn, device: 0 }, iq);
    const body = Array.isArray(answer)
      ? (JSON.parse(Buffer.from(answer[0]!.content as Uint8Array).toString('utf8')) as {
          data?: Record<string, unknown>;
          errors?: { message: string; extensions: { error_code: number } }[];
        })
      : {};
    const error = body.errors?.[0];
    if (error)
      throw new ControlError(
        error.extensions.error_code === 404 ? 404 : 400,
        error.extensions.error_code === 404 ? 'NEWSLETTER_NOT_FOUND' : 'INVALID_BODY',
        error.message,
      );
    return body.data ?? {};
  }
}

// `wagate sessions link NAME`: create the session if it does not exist, connect it, and draw each QR
// in the terminal as WhatsApp rotates it (or show a pairing code), with progress, until connected.
import QRCode from 'qrcode';
import type { ApiClient } from './api.js';
import { ClientError } from './api.js';
import type { Output } from './output.js';

export interface LinkOptions {
  name: string;
  /** Link by pairing code for this phone number instead of a QR. */
  phone?: string;
  timeoutMs: number;
  pollMs: number;
  /** Clear the screen before each new QR (a TTY). */
  redraw: boolean;
}

const DONE_BAD = new Set(['failed', 'logged_out', 'deleted', 'pending_deletion']);

export async function runLink(api: ApiClient, out: Output, o: LinkOptions): Promise<void> {
  const ref = encodeURIComponent(o.name);
  let session = await api.call('GET', `/v1/sessions/${ref}`).then(
    (r) => r.session,
    async (err: unknown) => {
      if (!(err instanceof ClientError) || err.code !== 'SESSION_NOT_FOUND') throw err;
      const created = await api.call('POST', '/v1/sessions', { name: o.name });
      out.progress(`created session ${created.session.id} (${o.name})`);
      out.progress(`its session key, shown once: ${created.session_key.token}`);
      if (out.json)
        out.line(JSON.stringify({ event: 'created', session: created.session, session_key: created.session_key }));
      return created.session;
    },
  );
  if (session.status === 'connected') return finish(out, session);
  if (['disconnected', 'failed', 'logged_out'].includes(session.status))
    session = (await api.call('POST', `/v1/sessions/${session.id}/connect`)).session;
  out.progress(`connecting ${o.name}…`);

  const deadline = Date.now() + o.timeoutMs;
  let lastStatus = '';
  let lastQr = '';
  let pairingShown = false;
  while (Date.now() < deadline) {
    session = (await api.call('GET', `/v1/sessions/${session.id}`)).session;
    if (session.status !== lastStatus) {
      lastStatus = session.status;
      if (out.json) out.line(JSON.stringify({ event: 'status', status: session.status }));
      else out.progress(`status: ${session.status}`);
    }
    if (session.status === 'connected') return finish(out, session);
    if (DONE_BAD.has(session.status))
      throw new ClientError(`linking stopped: the session is ${session.status}`, 'LINK_FAILED', null);
    if (session.status === 'need_scan') {
      if (o.phone && !pairingShown) {
        const { code } = await api.call('POST', `/v1/sessions/${session.id}/pairing-code`, { phone_number: o.phone });
        pairingShown = true;
        if (out.json) out.line(JSON.stringify({ event: 'pairing_code', code }));
        else
          out.line(
            `Pairing code: ${code}\nOn the phone: WhatsApp > Linked devices > Link a device > Link with phone number instead.`,
          );
      } else if (!o.phone) {
        const qr = await api.call('GET', `/v1/sessions/${session.id}/qr?format=json`).catch((err: unknown) => {
          if (err instanceof ClientError && err.code === 'QR_NOT_AVAILABLE') return null; // status moved on; next poll says where
          throw err;
        });
        if (qr && qr.qr !== lastQr) {
          lastQr = qr.qr;
          await drawQr(out, qr.qr, qr.expires_at, o.redraw);
        }
      }
    }
    await new Promise((r) => setTimeout(r, o.pollMs));
  }
  throw new ClientError(
    `not connected after ${Math.round(o.timeoutMs / 1000)} s (status ${lastStatus}); run the command again for a new QR`,
    'LINK_TIMEOUT',
    null,
  );
}

async function drawQr(out: Output, qr: string, expiresAt: string, redraw: boolean): Promise<void> {
  if (out.json) return out.line(JSON.stringify({ event: 'qr', qr, expires_at: expiresAt }));
  const art = await QRCode.toString(qr, { type: 'terminal', small: true, errorCorrectionLevel: 'M' });
  if (redraw) out.line('\x1b[2J\x1b[H');
  out.line(art);
  out.line(
    'Scan with WhatsApp: Settings > Linked devices > Link a device. The code refreshes here when WhatsApp rotates it.',
  );
}

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- the /v1 session JSON
// biome-ignore lint/suspicious/noExplicitAny: the API's JSON answers, read field by field where used
function finish(out: Output, session: any): void {
  if (out.json) out.line(JSON.stringify({ event: 'connected', session }));
  else out.line(`connected: ${session.name ?? session.id}${session.phone_number ? ` as ${session.phone_number}` : ''}`);
}

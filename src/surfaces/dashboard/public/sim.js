// Simulator mode (`npm start -- --simulator`): the server's demo routes under /dashboard/sim let
// the "simulated phone" scan a session's QR and a simulated contact write to it. Absent (404)
// when the server talks to real WhatsApp, and then nothing here is shown.
import { useEffect, useState } from 'preact/hooks';
import { api, ApiError } from './api.js';

let cached = null;

/** The demo's phone and contact, or null when the server is not in simulator mode. */
export function useSimulator() {
  const [sim, setSim] = useState(cached?.value ?? null);
  useEffect(() => {
    cached ??= {
      promise: api('GET', '/dashboard/sim').catch((e) =>
        e instanceof ApiError && e.status === 404 ? null : Promise.reject(e),
      ),
    };
    cached.promise.then(
      (v) => {
        cached.value = v;
        setSim(v);
      },
      () => setSim(null),
    );
  }, []);
  return sim;
}

export const scanWithSimulatedPhone = (qr) => api('POST', '/dashboard/sim/scan', { qr });
export const contactWrites = (to, text) => api('POST', '/dashboard/sim/contact/messages', { to, text });

export const chatOf = (phone) => phone.replace(/^\+/, '') + '@s.whatsapp.net';
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/**
 * The one-click demo: a session named "demo", connected, its QR scanned by the simulated phone;
 * resolves with the session once connected. `progress(text)` narrates each step.
 */
export async function linkDemoSession(progress) {
  progress('Creating the session "demo"…');
  let session;
  try {
    session = (await api('POST', '/v1/sessions', { name: 'demo', label: 'Offline demo' })).session;
  } catch (e) {
    if (!(e instanceof ApiError) || e.status !== 409) throw e;
    session = (await api('GET', '/v1/sessions/demo')).session;
  }
  if (session.status !== 'connected') {
    progress('Connecting to the simulated WhatsApp…');
    if (!['connecting', 'need_scan'].includes(session.status)) await api('POST', '/v1/sessions/demo/connect');
    for (let i = 0; i < 60; i++) {
      session = (await api('GET', '/v1/sessions/demo')).session;
      if (session.status === 'connected') break;
      if (session.status === 'need_scan') {
        progress('The simulated phone scans the QR…');
        const { qr } = await api('GET', '/v1/sessions/demo/qr');
        await scanWithSimulatedPhone(qr);
      }
      await sleep(500);
    }
  }
  if (session.status !== 'connected') throw new Error('The session did not connect (status ' + session.status + ')');
  progress('Linked.');
  return session;
}

// Linking a session: a live QR (refetched whenever WhatsApp rotates it: the session.qr event), or
// a pairing code; in simulator mode the simulated phone can scan the QR shown here.
import { useEffect, useState } from 'preact/hooks';
import { api, objectUrl } from './api.js';
import { useLiveEvents } from './live.js';
import { scanWithSimulatedPhone, useSimulator } from './sim.js';
import { ErrorNote, html, useAction } from './ui.js';

function LiveQr({ session }) {
  const [src, setSrc] = useState(null);
  const [error, setError] = useState(null);
  const [version, setVersion] = useState(0);
  useLiveEvents(
    (e) => {
      if (e.type === 'session.qr' && e.session_id === session.id) setVersion((v) => v + 1);
    },
    [session.id],
  );
  useEffect(() => {
    let url = null;
    let live = true;
    objectUrl('/v1/sessions/' + session.id + '/qr?format=png').then(
      (u) => {
        url = u;
        if (live) {
          setSrc(u);
          setError(null);
        }
      },
      (e) => live && setError(e),
    );
    // WhatsApp rotates the QR about every 20 s; the event triggers a refetch, this is the fallback.
    const t = setTimeout(() => setVersion((v) => v + 1), 15000);
    return () => {
      live = false;
      clearTimeout(t);
      if (url) setTimeout(() => URL.revokeObjectURL(url), 1000);
    };
  }, [session.id, version]);
  if (error) return html`<${ErrorNote} error=${error} />`;
  return src
    ? html`<img class="qr" src=${src} width="256" height="256" alt="QR code to link this session: WhatsApp › Linked devices › Link a device" data-version=${version} />`
    : html`<p>Loading the QR…</p>`;
}

function PairingCode({ session }) {
  const [code, setCode] = useState(null);
  const [state, run] = useAction();
  const submit = async (e) => {
    e.preventDefault();
    const phone = new FormData(e.currentTarget).get('phone');
    const out = await run(() => api('POST', '/v1/sessions/' + session.id + '/pairing-code', { phone_number: phone }));
    if (out) setCode(out.code);
  };
  return html`<form onSubmit=${submit} class="grid-form">
    <label for="pair-phone">Or link with a code: the phone's number</label>
    <input id="pair-phone" name="phone" type="tel" required placeholder="+14155550123" />
    <button type="submit" disabled=${state.busy}>Get a pairing code</button>
    <${ErrorNote} error=${state.error} />
    ${code && html`<p role="status">Enter <strong class="code">${code}</strong> on the phone: WhatsApp › Linked devices › Link with phone number.</p>`}
  </form>`;
}

export function LinkPanel({ session }) {
  const sim = useSimulator();
  const [state, run] = useAction();
  const [scanned, setScanned] = useState(null);
  const connect = () => run(() => api('POST', '/v1/sessions/' + session.id + '/connect'));
  const simScan = () =>
    run(async () => {
      const { qr } = await api('GET', '/v1/sessions/' + session.id + '/qr');
      await scanWithSimulatedPhone(qr);
      setScanned('The simulated phone scanned the QR; linking…');
    });
  if (session.status === 'connected' || session.status === 'pending_deletion' || session.status === 'deleted')
    return null;
  return html`<section class="card" aria-labelledby="link-h">
    <h2 id="link-h">Link a phone</h2>
    ${
      session.status === 'need_scan'
        ? html`<div class="link-grid">
          <div><${LiveQr} session=${session} />
            <p class="hint">Scan in WhatsApp › Linked devices › Link a device. It refreshes as WhatsApp rotates it.</p>
            ${sim && html`<button type="button" class="primary" onClick=${simScan} disabled=${state.busy}>Scan with the simulated phone</button>`}
            ${scanned && html`<p role="status">${scanned}</p>`}</div>
          <${PairingCode} session=${session} /></div>`
        : session.status === 'connecting'
          ? html`<p role="status">Connecting… the QR appears here in a moment.</p>`
          : html`<p>The session is ${session.status.replace('_', ' ')}. Connect it to get a QR or a pairing code.</p>
            <button type="button" class="primary" onClick=${connect} disabled=${state.busy}>Connect</button>`
    }
    <${ErrorNote} error=${state.error} />
  </section>`;
}

// Message info: every field and the status history (GET /v1/messages/{id}), in a modal dialog.
import { useEffect, useRef } from 'preact/hooks';
import { api } from './api.js';
import { ErrorNote, StatusBadge, formatTime, html, useLoad } from './ui.js';

export function MessageInfo({ id, onClose }) {
  const ref = useRef(null);
  const info = useLoad(() => api('GET', '/v1/messages/' + id), [id]);
  useEffect(() => {
    ref.current?.showModal();
  }, []);
  const m = info.data?.message;
  return html`<dialog ref=${ref} class="wide" aria-labelledby="info-h" onClose=${onClose}>
    <h2 id="info-h">Message info</h2>
    <${ErrorNote} error=${info.error} />
    ${
      m &&
      html`<dl class="facts">
        <dt>Id</dt><dd><code>${m.id}</code></dd>
        <dt>WhatsApp id</dt><dd><code>${m.wa_id ?? '—'}</code></dd>
        <dt>Status</dt><dd><${StatusBadge} status=${m.status} /></dd>
        <dt>Kind</dt><dd>${m.kind}</dd>
        ${m.error && html`<dt>Error</dt><dd class="error-text">${m.error}</dd>`}
      </dl>
      <h3>History</h3>
      <ol class="history">${m.events.map(
        (e, i) => html`<li key=${i} data-event=${e.status}><strong>${e.status}</strong>
        <time datetime=${e.at}>${formatTime(e.at)}</time>${e.detail ? html` <code>${JSON.stringify(e.detail)}</code>` : ''}</li>`,
      )}</ol>`
    }
    <button type="button" onClick=${() => ref.current?.close()}>Close</button>
  </dialog>`;
}

// One session: health and last error, link panel, actions (restart, logout, delete), settings,
// key rotation (the new key shown once), usage against limits, and the session log.
import { useState } from 'preact/hooks';
import { api, rateLimit } from './api.js';
import { useLiveEvents } from './live.js';
import { LinkPanel } from './link.js';
import { SettingsForm } from './settings.js';
import { ConfirmButton, ErrorNote, ShownOnce, StatusBadge, formatTime, html, useLoad } from './ui.js';

/** The newest problem the session log records: a failed health check or a status change with a reason. */
export function lastError(logs) {
  for (const l of logs) {
    if (l.event === 'health_check_failed')
      return { at: l.created_at, text: String(l.detail.error ?? 'health check failed') };
    if (l.event === 'status_changed' && (l.detail.reason || l.detail.error)) {
      if (['failed', 'logged_out', 'disconnected'].includes(String(l.detail.to ?? l.detail.status))) {
        return { at: l.created_at, text: String(l.detail.reason ?? l.detail.error) };
      }
    }
  }
  return null;
}

function Keys({ session }) {
  const [issued, setIssued] = useState(null);
  const rotate = async () => setIssued((await api('POST', '/v1/sessions/' + session.id + '/rotate-key')).session_key);
  return html`<section class="card" aria-labelledby="keys-h">
    <h2 id="keys-h">Session key</h2>
    <p>A session key (<code>wg_sk_…</code>) acts on this session only. Rotating it disables the old key at once.</p>
    <${ConfirmButton} label="Rotate key" question="Rotate the session key? Code using the current key stops working at once." onConfirm=${rotate} />
    ${
      issued &&
      html`<${ShownOnce} title="New session key:" value=${issued.token} />
      <p class="hint">Fingerprint ${issued.fingerprint}${issued.previous_fingerprint ? ', replaced ' + issued.previous_fingerprint : ''}.</p>`
    }
  </section>`;
}

function Usage({ session }) {
  const sent = useLoad(
    () => api('GET', '/v1/sessions/' + session.id + '/messages?direction=out&limit=100'),
    [session.id],
  );
  const lastMinute = (sent.data?.data ?? []).filter((m) => Date.now() - Date.parse(m.created_at) < 60000).length;
  return html`<section class="card" aria-labelledby="usage-h">
    <h2 id="usage-h">Usage</h2>
    <dl class="facts">
      <dt>Messages accepted in the last minute</dt><dd>${sent.data ? lastMinute : '…'}${sent.data?.next_cursor && lastMinute === 100 ? '+' : ''}</dd>
      <dt>Sending pace</dt><dd>${session.settings.account_protection ? '1 message per 5 s (account protection on)' : 'plan limit per minute (WAGATE_SEND_PER_MINUTE)'}</dd>
      <dt>API requests left this minute</dt><dd>${rateLimit.limit !== null ? rateLimit.remaining + ' of ' + rateLimit.limit : '—'}</dd>
    </dl>
  </section>`;
}

function Logs({ logs }) {
  return html`<section class="card" aria-labelledby="logs-h">
    <h2 id="logs-h">Log</h2>
    ${
      logs.length === 0
        ? html`<p>Nothing logged yet.</p>`
        : html`<ol class="log">${logs.map(
            (l) => html`<li key=${l.id}>
      <time datetime=${l.created_at}>${formatTime(l.created_at)}</time> <strong>${l.event.replace(/_/g, ' ')}</strong>
      ${Object.keys(l.detail).length > 0 && html` <code>${JSON.stringify(l.detail)}</code>`}</li>`,
          )}</ol>`
    }
  </section>`;
}

export function SessionDetailPage({ id }) {
  const detail = useLoad(
    () =>
      Promise.all([
        api('GET', '/v1/sessions/' + encodeURIComponent(id)),
        api('GET', '/v1/sessions/' + encodeURIComponent(id) + '/logs?limit=50'),
      ]),
    [id],
  );
  useLiveEvents(
    (e) => {
      const s = detail.data?.[0].session;
      if (s && e.session_id === s.id && (e.type === 'session.status' || e.type === 'session.health')) detail.reload();
    },
    [detail.data],
  );
  if (detail.error) return html`<h1>Session</h1><${ErrorNote} error=${detail.error} />`;
  if (!detail.data) return html`<p>Loading…</p>`;
  const [{ session }, logPage] = detail.data;
  const logs = logPage.data;
  const problem = lastError(logs);
  const path = '/v1/sessions/' + session.id;
  const act = (verb) => async () => {
    await api('POST', path + '/' + verb);
    detail.reload();
  };
  return html`
    <p><a href="#/sessions">← Sessions</a></p>
    <h1>${session.label ?? session.name ?? session.id} <${StatusBadge} status=${session.status} /></h1>
    <section class="card" aria-labelledby="health-h">
      <h2 id="health-h">Health</h2>
      <dl class="facts">
        <dt>Status</dt><dd><${StatusBadge} status=${session.status} /></dd>
        <dt>Number</dt><dd>${session.phone_number ?? 'not linked'}</dd>
        <dt>Id</dt><dd><code>${session.id}</code>${session.name ? html` (name <code>${session.name}</code>)` : ''}</dd>
        <dt>Last error</dt><dd>${problem ? html`<span class="error-text">${problem.text}</span> <span class="hint">${formatTime(problem.at)}</span>` : 'none'}</dd>
        <dt>Updated</dt><dd>${formatTime(session.updated_at)}</dd>
      </dl>
      <div class="row">
        <a class="button primary" href=${'#/sessions/' + session.id + '/chats'}>Messages</a>
        <${ConfirmButton} label="Restart" question="Restart the WhatsApp connection of this session?" onConfirm=${act('restart')} />
        <${ConfirmButton} label="Log out" danger question="Log out? The phone is unlinked and the session needs a new scan." onConfirm=${act('logout')} />
        <${ConfirmButton} label="Delete" danger question=${'Delete ' + (session.name ?? session.id) + '? Its key stops working and it is unlinked. This cannot be undone.'}
          onConfirm=${async () => {
            await api('DELETE', path);
            location.hash = '#/sessions';
          }} />
      </div>
    </section>
    <${LinkPanel} session=${session} />
    <${Usage} session=${session} />
    <${SettingsForm} session=${session} onSaved=${detail.reload} />
    <${Keys} session=${session} />
    <${Logs} logs=${logs} />`;
}

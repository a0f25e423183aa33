// Sessions list with live status, the create form, and (simulator mode) the demo panel.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { useLiveEvents } from './live.js';
import { chatOf, linkDemoSession, useSimulator } from './sim.js';
import { ErrorNote, ShownOnce, StatusBadge, formatTime, html, useAction, useLoad } from './ui.js';

function CreateSession({ onCreated }) {
  const [state, run] = useAction();
  const [created, setCreated] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const body = {};
    if (form.get('name')) body.name = form.get('name');
    if (form.get('label')) body.label = form.get('label');
    const out = await run(() => api('POST', '/v1/sessions', body));
    if (out) {
      setCreated(out);
      onCreated(out.session);
    }
  };
  return html`<section class="card" aria-labelledby="create-h">
    <h2 id="create-h">New session</h2>
    <form onSubmit=${submit} class="grid-form">
      <label for="new-name">Name <span class="hint">(letters, digits, _ and -; optional)</span></label>
      <input id="new-name" name="name" pattern="[A-Za-z0-9_-]{1,64}" placeholder="sales-1" />
      <label for="new-label">Label <span class="hint">(optional)</span></label>
      <input id="new-label" name="label" maxlength="100" placeholder="Sales team" />
      <button type="submit" class="primary" disabled=${state.busy}>Create session</button>
    </form>
    <${ErrorNote} error=${state.error} />
    ${
      created &&
      html`<${ShownOnce} title="Session key:" value=${created.session_key.token} />
      <p><a href=${'#/sessions/' + created.session.id}>Open ${created.session.name ?? created.session.id} to link it →</a></p>`
    }
  </section>`;
}

function DemoPanel({ sim }) {
  const [step, setStep] = useState(null);
  const [state, run] = useAction();
  const start = () =>
    run(async () => {
      await linkDemoSession(setStep);
      location.hash = '#/sessions/demo/chats/' + encodeURIComponent(chatOf(sim.contact.phone));
    });
  return html`<section class="card sim" aria-labelledby="sim-h">
    <h2 id="sim-h">Simulated phone</h2>
    <p>This server runs the built-in WhatsApp simulator: no phone or internet needed.${' '}
      The simulated phone <strong>${sim.phone.phone}</strong> links a session, and${' '}
      <strong>${sim.contact.name}</strong> (${sim.contact.phone}) reads and answers every message you send.</p>
    <button type="button" class="primary" disabled=${state.busy} onClick=${start}>Link a demo session with one click</button>
    ${step && html`<p role="status">${step}</p>`}
    <${ErrorNote} error=${state.error} />
  </section>`;
}

export function SessionsPage() {
  const sim = useSimulator();
  const list = useLoad(() => api('GET', '/v1/sessions?limit=100'), []);
  useLiveEvents(
    (e) => {
      if (e.type !== 'session.status' || !list.data) return;
      if (!list.data.data.some((s) => s.id === e.session_id)) return list.reload();
      list.setData({
        ...list.data,
        data: list.data.data.map((s) => (s.id === e.session_id ? { ...s, status: e.data.status } : s)),
      });
    },
    [list.data],
  );
  const sessions = list.data?.data ?? [];
  return html`<h1>Sessions</h1>
    ${sim && html`<${DemoPanel} sim=${sim} />`}
    <section class="card" aria-labelledby="list-h">
      <h2 id="list-h">Your sessions</h2>
      <${ErrorNote} error=${list.error} />
      ${!list.loading && sessions.length === 0 && html`<p>No session yet: create one below, then link it to a phone.</p>`}
      ${
        sessions.length > 0 &&
        html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">Session</th><th scope="col">Status</th><th scope="col">Number</th><th scope="col">Created</th></tr></thead>
        <tbody>${sessions.map(
          (s) => html`<tr key=${s.id} data-session=${s.name ?? s.id}>
          <td><a href=${'#/sessions/' + s.id}>${s.label ?? s.name ?? s.id}</a>${s.label && s.name ? html` <span class="hint">${s.name}</span>` : ''}</td>
          <td><${StatusBadge} status=${s.status} /></td>
          <td>${s.phone_number ?? '—'}</td>
          <td>${formatTime(s.created_at)}</td></tr>`,
        )}</tbody></table></div>`
      }
    </section>
    <${CreateSession} onCreated=${() => list.reload()} />`;
}

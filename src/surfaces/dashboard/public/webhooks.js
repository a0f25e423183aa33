// Webhook subscriptions: the list and the create form (the signing secret is shown once).
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ErrorNote, ShownOnce, html, useAction, useLoad } from './ui.js';

function CreateWebhook({ onCreated }) {
  const [state, run] = useAction();
  const [created, setCreated] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const events = String(form.get('events') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    const body = { url: form.get('url'), ...(events.length ? { events } : {}) };
    if (form.get('session_id')) body.session_id = form.get('session_id');
    if (form.get('description')) body.description = form.get('description');
    const out = await run(() => api('POST', '/v1/webhooks', body));
    if (out) {
      setCreated(out.webhook);
      onCreated();
    }
  };
  return html`<section class="card" aria-labelledby="new-wh-h">
    <h2 id="new-wh-h">New webhook</h2>
    <form class="grid-form" onSubmit=${submit}>
      <label for="wh-url">URL</label><input id="wh-url" name="url" type="url" required placeholder="https://example.com/wagate" />
      <label for="wh-events">Events <span class="hint">(comma-separated, e.g. messages.*, session.status; empty = all)</span></label>
      <input id="wh-events" name="events" />
      <label for="wh-session">Session <span class="hint">(id or name; empty = every session)</span></label><input id="wh-session" name="session_id" />
      <label for="wh-desc">Description</label><input id="wh-desc" name="description" maxlength="500" />
      <button type="submit" class="primary" disabled=${state.busy}>Create webhook</button>
    </form>
    <${ErrorNote} error=${state.error} />
    ${created && html`<${ShownOnce} title="Signing secret:" value=${created.secret} /><p><a href=${'#/webhooks/' + created.id}>Open the webhook →</a></p>`}
  </section>`;
}

export function WebhooksPage() {
  const list = useLoad(() => api('GET', '/v1/webhooks'), []);
  const hooks = list.data?.data ?? [];
  return html`<h1>Webhooks</h1>
    <section class="card" aria-labelledby="wh-h">
      <h2 id="wh-h">Subscriptions</h2>
      <${ErrorNote} error=${list.error} />
      ${!list.loading && hooks.length === 0 && html`<p>No webhook yet.</p>`}
      ${
        hooks.length > 0 &&
        html`<div class="table-wrap"><table>
        <thead><tr><th scope="col">URL</th><th scope="col">Events</th><th scope="col">Session</th><th scope="col">State</th></tr></thead>
        <tbody>${hooks.map(
          (
            w,
          ) => html`<tr key=${w.id}><td><a href=${'#/webhooks/' + w.id}>${w.url}</a>${w.description ? html`<br /><span class="hint">${w.description}</span>` : ''}</td>
          <td>${w.events.length ? w.events.join(', ') : 'all'}</td><td>${w.session_id ?? 'all'}</td><td>${w.enabled ? 'enabled' : 'disabled'}</td></tr>`,
        )}</tbody>
      </table></div>`
      }
    </section>
    <${CreateWebhook} onCreated=${list.reload} />`;
}

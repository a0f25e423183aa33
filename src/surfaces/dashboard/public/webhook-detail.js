// One webhook: its deliveries with every attempt (status, latency, answer), the event body,
// replay of one delivery or of a time range, a test event, enable/disable and delete.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ConfirmButton, ErrorNote, StatusBadge, formatTime, html, useAction, useLoad } from './ui.js';

function EventBody({ eventId }) {
  const ev = useLoad(() => api('GET', '/v1/events/' + eventId), [eventId]);
  if (ev.error) return html`<${ErrorNote} error=${ev.error} />`;
  return ev.data
    ? html`<pre class="body" tabindex="0" aria-label="Event body">${JSON.stringify(ev.data.event, null, 2)}</pre>`
    : html`<p>Loading the body…</p>`;
}

function Delivery({ d, webhookId, onReplayed }) {
  const [state, run] = useAction();
  const [done, setDone] = useState(null);
  const replay = async () => {
    const out = await run(() => api('POST', '/v1/events/' + d.event_id + '/replay', { webhook_id: webhookId }));
    if (out) {
      setDone('Replay queued.');
      onReplayed();
    }
  };
  return html`<details class="delivery" data-delivery=${d.id}>
    <summary><${StatusBadge} status=${d.status} /> <strong>${d.event_type}</strong> · ${d.attempts} attempt${d.attempts === 1 ? '' : 's'}
      ${d.replay ? ' · replay' : ''} · <time datetime=${d.created_at}>${formatTime(d.created_at)}</time></summary>
    <div class="table-wrap"><table><caption>Attempts</caption>
      <thead><tr><th scope="col">When</th><th scope="col">Status</th><th scope="col">Latency</th><th scope="col">Answer</th></tr></thead>
      <tbody>${d.attempts_log.map(
        (a) => html`<tr key=${a.id}><td>${formatTime(a.attempted_at)}</td><td>${a.status_code ?? a.error ?? '—'}</td>
        <td>${a.latency_ms} ms</td><td><code>${a.response_snippet ?? ''}</code></td></tr>`,
      )}</tbody></table></div>
    <${EventBody} eventId=${d.event_id} />
    <button type="button" onClick=${replay} disabled=${state.busy}>Replay this delivery</button>
    ${done && html`<span role="status"> ${done}</span>`}
    <${ErrorNote} error=${state.error} />
  </details>`;
}

function ReplayRange({ webhookId, onReplayed }) {
  const [state, run] = useAction();
  const [result, setResult] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const f = new FormData(e.currentTarget);
    const iso = (v) => new Date(String(v)).toISOString();
    const out = await run(() =>
      api('POST', '/v1/events/replay', { from: iso(f.get('from')), to: iso(f.get('to')), webhook_id: webhookId }),
    );
    if (out) {
      setResult(out);
      onReplayed();
    }
  };
  return html`<form class="grid-form" onSubmit=${submit} aria-labelledby="range-h">
    <h3 id="range-h">Replay a range</h3>
    <label for="range-from">From</label><input id="range-from" name="from" type="datetime-local" step="1" required />
    <label for="range-to">To</label><input id="range-to" name="to" type="datetime-local" step="1" required />
    <button type="submit" disabled=${state.busy}>Replay range</button>
    ${result && html`<p role="status">${result.events} events, ${result.enqueued} deliveries queued.</p>`}
    <${ErrorNote} error=${state.error} />
  </form>`;
}

export function WebhookDetailPage({ id }) {
  const hook = useLoad(() => api('GET', '/v1/webhooks/' + encodeURIComponent(id)), [id]);
  const deliveries = useLoad(() => api('GET', '/v1/webhooks/' + encodeURIComponent(id) + '/deliveries?limit=50'), [id]);
  const [state, run] = useAction();
  if (hook.error) return html`<p><a href="#/webhooks">← Webhooks</a></p><${ErrorNote} error=${hook.error} />`;
  const w = hook.data?.webhook;
  if (!w) return html`<p>Loading…</p>`;
  const test = () =>
    run(async () => {
      await api('POST', '/v1/webhooks/' + w.id + '/test');
      setTimeout(deliveries.reload, 800);
    });
  const toggle = () =>
    run(async () => {
      await api('PATCH', '/v1/webhooks/' + w.id, { enabled: !w.enabled });
      hook.reload();
    });
  return html`<p><a href="#/webhooks">← Webhooks</a></p>
    <h1 class="break">${w.url}</h1>
    <section class="card" aria-labelledby="wh-facts">
      <h2 id="wh-facts">Subscription</h2>
      <dl class="facts"><dt>Id</dt><dd><code>${w.id}</code></dd><dt>Events</dt><dd>${w.events.length ? w.events.join(', ') : 'all'}</dd>
        <dt>Session</dt><dd>${w.session_id ?? 'all'}</dd><dt>Format</dt><dd>${w.format}</dd><dt>Secret</dt><dd>…${w.secret_hint}</dd>
        <dt>State</dt><dd>${w.enabled ? 'enabled' : 'disabled'}</dd></dl>
      <div class="row"><button type="button" class="primary" onClick=${test} disabled=${state.busy}>Send a test event</button>
        <button type="button" onClick=${toggle} disabled=${state.busy}>${w.enabled ? 'Disable' : 'Enable'}</button>
        <${ConfirmButton} label="Delete" danger question="Delete this webhook? Its deliveries stop." onConfirm=${async () => {
          await api('DELETE', '/v1/webhooks/' + w.id);
          location.hash = '#/webhooks';
        }} /></div>
      <${ErrorNote} error=${state.error} />
    </section>
    <section class="card" aria-labelledby="dl-h">
      <div class="row spread"><h2 id="dl-h">Deliveries</h2><button type="button" onClick=${deliveries.reload}>Refresh</button></div>
      <${ErrorNote} error=${deliveries.error} />
      ${deliveries.data && deliveries.data.data.length === 0 && html`<p>No delivery yet. Send a test event.</p>`}
      ${(deliveries.data?.data ?? []).map((d) => html`<${Delivery} key=${d.id} d=${d} webhookId=${w.id} onReplayed=${() => setTimeout(deliveries.reload, 800)} />`)}
      <${ReplayRange} webhookId=${w.id} onReplayed=${() => setTimeout(deliveries.reload, 800)} />
    </section>`;
}

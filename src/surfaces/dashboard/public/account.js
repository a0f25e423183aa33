// The account and its personal access tokens: list, create (the token shown once), revoke.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ConfirmButton, ErrorNote, ShownOnce, formatTime, html, useAction, useLoad } from './ui.js';

function CreateToken({ onCreated }) {
  const [state, run] = useAction();
  const [created, setCreated] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const out = await run(() => api('POST', '/v1/tokens', { name: new FormData(e.currentTarget).get('name') }));
    if (out) {
      setCreated(out.token);
      onCreated();
    }
  };
  return html`<form class="grid-form" onSubmit=${submit}>
    <label for="token-name">New token: what it is for</label>
    <input id="token-name" name="name" required maxlength="100" placeholder="ci-deploy" />
    <button type="submit" class="primary" disabled=${state.busy}>Create token</button>
    <${ErrorNote} error=${state.error} />
    ${created && html`<${ShownOnce} title="New token:" value=${created.token} />`}
  </form>`;
}

export function AccountPage() {
  const data = useLoad(() => Promise.all([api('GET', '/v1/account'), api('GET', '/v1/tokens')]), []);
  if (data.error) return html`<h1>Account</h1><${ErrorNote} error=${data.error} />`;
  if (!data.data) return html`<p>Loading…</p>`;
  const [{ account }, tokens] = data.data;
  return html`<h1>Account</h1>
    <section class="card" aria-labelledby="acc-h">
      <h2 id="acc-h">${account.name}</h2>
      <dl class="facts"><dt>Id</dt><dd><code>${account.id}</code></dd><dt>Created</dt><dd>${formatTime(account.created_at)}</dd></dl>
    </section>
    <section class="card" aria-labelledby="tok-h">
      <h2 id="tok-h">Personal access tokens</h2>
      <div class="table-wrap"><table>
        <thead><tr><th scope="col">Name</th><th scope="col">Fingerprint</th><th scope="col">Last used</th><th scope="col"><span class="visually-hidden">Actions</span></th></tr></thead>
        <tbody>${tokens.data.map(
          (t) => html`<tr key=${t.id} data-token=${t.name ?? t.id}>
          <td>${t.name ?? '—'}${t.current ? html` <span class="hint">(this tab)</span>` : ''}</td><td><code>${t.fingerprint}</code></td>
          <td>${formatTime(t.last_used_at)}</td>
          <td>${
            t.current
              ? ''
              : html`<${ConfirmButton} label=${'Revoke ' + (t.name ?? t.fingerprint)} danger confirmLabel="Revoke"
            question=${'Revoke ' + (t.name ?? t.fingerprint) + '? Code using it gets 401 at once.'}
            onConfirm=${async () => {
              await api('DELETE', '/v1/tokens/' + t.id);
              data.reload();
            }} />`
          }</td></tr>`,
        )}</tbody>
      </table></div>
      <${CreateToken} onCreated=${data.reload} />
    </section>`;
}

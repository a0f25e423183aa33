// Every session setting (PATCH /v1/sessions/{id}/settings), including the proxy.
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ErrorNote, html, useAction } from './ui.js';

const FLAGS = [
  ['account_protection', 'Account protection', 'Pace sending: 1 message per 5 s'],
  ['read_incoming', 'Read incoming', 'Mark incoming messages as read'],
  ['auto_reject_calls', 'Reject calls', 'Reject incoming calls'],
  ['always_online', 'Always online', 'Show the number as online'],
  ['ignore_groups', 'Ignore groups', 'Ignore group messages'],
  ['ignore_broadcasts', 'Ignore broadcasts', 'Ignore broadcast and status messages'],
  ['ignore_channels', 'Ignore channels', 'Ignore channel (newsletter) messages'],
  ['typing', 'Typing indicator', 'Show "typing…" before each message'],
  ['log_messages', 'Log message bodies', 'Keep message bodies in the message log'],
  ['download_media', 'Download media', 'Download and store the media of incoming messages'],
];

export function SettingsForm({ session, onSaved }) {
  const [state, run] = useAction();
  const [saved, setSaved] = useState(false);
  const submit = async (e) => {
    e.preventDefault();
    const form = new FormData(e.currentTarget);
    const patch = Object.fromEntries(FLAGS.map(([key]) => [key, form.get(key) === 'on']));
    patch.proxy_url = String(form.get('proxy_url') ?? '').trim() || null;
    setSaved(false);
    const out = await run(() => api('PATCH', '/v1/sessions/' + session.id + '/settings', patch));
    if (out) {
      setSaved(true);
      onSaved?.();
    }
  };
  const s = session.settings;
  return html`<section class="card" aria-labelledby="settings-h">
    <h2 id="settings-h">Settings</h2>
    <form onSubmit=${submit}>
      <fieldset class="flags"><legend>Behaviour</legend>
        ${FLAGS.map(
          ([key, label, hint]) => html`<label class="check" key=${key}>
          <input type="checkbox" name=${key} checked=${s[key]} /> ${label} <span class="hint">${hint}</span></label>`,
        )}
      </fieldset>
      <label for="proxy">Proxy URL <span class="hint">(http, https or socks5; empty for none)</span></label>
      <input id="proxy" name="proxy_url" type="url" value=${s.proxy_url ?? ''} placeholder="socks5://user:pass@proxy.example.com:1080" />
      <${ErrorNote} error=${state.error} />
      <div class="row"><button type="submit" class="primary" disabled=${state.busy}>Save settings</button>
        ${saved && html`<span role="status">Saved.</span>`}</div>
    </form>
  </section>`;
}

// The dashboard's shell: sign-in gate, navigation, hash routes (#/sessions, #/sessions/ID,
// #/sessions/ID/chats[/CHAT], #/webhooks[/ID], #/directory, #/account) and the light/dark switch.
import { render } from 'preact';
import { useEffect, useState } from 'preact/hooks';
import { api, clearToken, getToken, onUnauthorized, setToken } from './api.js';
import { startLive, stopLive, useStreamState } from './live.js';
import { SessionsPage } from './sessions.js';
import { SessionDetailPage } from './session-detail.js';
import { ChatsPage } from './chats.js';
import { WebhooksPage } from './webhooks.js';
import { WebhookDetailPage } from './webhook-detail.js';
import { DirectoryPage } from './directory.js';
import { AccountPage } from './account.js';
import { ErrorNote, html } from './ui.js';

function useHash() {
  const [hash, setHash] = useState(location.hash || '#/sessions');
  useEffect(() => {
    const on = () => setHash(location.hash || '#/sessions');
    addEventListener('hashchange', on);
    return () => removeEventListener('hashchange', on);
  }, []);
  return hash;
}

function route(hash) {
  const parts = hash.replace(/^#\/?/, '').split('/').map(decodeURIComponent);
  const [top, id, sub, chat] = parts;
  if (top === 'sessions' && id && sub === 'chats') return html`<${ChatsPage} sessionId=${id} chat=${chat ?? null} />`;
  if (top === 'sessions' && id) return html`<${SessionDetailPage} id=${id} />`;
  if (top === 'webhooks' && id) return html`<${WebhookDetailPage} id=${id} />`;
  if (top === 'webhooks') return html`<${WebhooksPage} />`;
  if (top === 'directory') return html`<${DirectoryPage} />`;
  if (top === 'account') return html`<${AccountPage} />`;
  return html`<${SessionsPage} />`;
}

function SignIn({ onSignedIn }) {
  const [error, setError] = useState(null);
  const submit = async (e) => {
    e.preventDefault();
    const token = new FormData(e.currentTarget).get('token').trim();
    try {
      await api('GET', '/v1/sessions?limit=1', undefined, { token });
      setToken(token);
      onSignedIn();
    } catch (err) {
      setError(err);
    }
  };
  return html`<main class="signin">
    <h1>wagate</h1>
    <form onSubmit=${submit} class="card">
      <label for="token">API token</label>
      <input id="token" name="token" type="password" autocomplete="off" required placeholder="wg_pat_… or wg_sk_…" />
      <p class="hint">The personal access token the server printed on its first start (or a session key). It is kept in this browser tab only.</p>
      <${ErrorNote} error=${error} />
      <button type="submit" class="primary">Sign in</button>
    </form>
  </main>`;
}

function ThemeSwitch() {
  const [theme, setTheme] = useState(localStorage.getItem('wagate.theme') ?? 'auto');
  useEffect(() => {
    if (theme === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', theme);
    localStorage.setItem('wagate.theme', theme);
  }, [theme]);
  return html`<label class="theme">Theme <select value=${theme} onChange=${(e) => setTheme(e.currentTarget.value)}>
    <option value="auto">auto</option><option value="light">light</option><option value="dark">dark</option></select></label>`;
}

function Shell({ onSignOut }) {
  const hash = useHash();
  const stream = useStreamState();
  const nav = [
    ['#/sessions', 'Sessions'],
    ['#/webhooks', 'Webhooks'],
    ['#/directory', 'Contacts & groups'],
    ['#/account', 'Account'],
  ];
  return html`
    <a class="skip" href="#main" onClick=${(e) => {
      e.preventDefault();
      document.getElementById('main')?.focus();
    }}>Skip to content</a>
    <header class="top">
      <a class="brand" href="#/sessions">wagate</a>
      <nav aria-label="Main">${nav.map(([href, label]) => html`<a href=${href} aria-current=${hash.startsWith(href) ? 'page' : undefined}>${label}</a>`)}</nav>
      <span class=${'stream stream-' + stream} role="status" title="Live event stream">${stream === 'live' ? '● live' : '○ ' + stream}</span>
      <${ThemeSwitch} />
      <button type="button" onClick=${onSignOut}>Sign out</button>
    </header>
    <main id="main" tabindex="-1">${route(hash)}</main>`;
}

function App() {
  const [signedIn, setSignedIn] = useState(Boolean(getToken()));
  useEffect(
    () =>
      onUnauthorized(() => {
        clearToken();
        setSignedIn(false);
      }),
    [],
  );
  useEffect(() => {
    if (!signedIn) return undefined;
    startLive();
    return stopLive;
  }, [signedIn]);
  if (!signedIn) return html`<${SignIn} onSignedIn=${() => setSignedIn(true)} />`;
  return html`<${Shell} onSignOut=${() => {
    clearToken();
    setSignedIn(false);
  }} />`;
}

render(html`<${App} />`, document.getElementById('root'));

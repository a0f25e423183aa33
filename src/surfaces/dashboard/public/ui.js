// Small shared pieces: the html tag, status badges, errors, a confirmation dialog, data loading.
import { h } from 'preact';
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import htm from 'htm';

export const html = htm.bind(h);

export function StatusBadge({ status }) {
  return html`<span class=${'badge badge-' + status} data-status=${status}>${String(status).replace('_', ' ')}</span>`;
}

export function ErrorNote({ error }) {
  if (!error) return null;
  return html`<p class="error" role="alert">${error.code ? html`<code>${error.code}</code> ` : ''}${error.message}</p>`;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return d.toLocaleString(undefined, { dateStyle: 'short', timeStyle: 'medium' });
}

/** Loads with fn() now and whenever deps change; `reload()` loads again. */
export function useLoad(fn, deps) {
  const [state, setState] = useState({ data: null, error: null, loading: true });
  const run = useCallback(() => {
    let live = true;
    setState((s) => ({ ...s, loading: true }));
    fn().then(
      (data) => live && setState({ data, error: null, loading: false }),
      (error) => live && setState({ data: null, error, loading: false }),
    );
    return () => {
      live = false;
    };
  }, deps);
  useEffect(run, [run]);
  return { ...state, reload: run, setData: (data) => setState((s) => ({ ...s, data })) };
}

/** A button that asks first, in a modal <dialog> (focus stays inside, Escape cancels). */
export function ConfirmButton({ label, question, confirmLabel, onConfirm, danger, disabled }) {
  const ref = useRef(null);
  const [error, setError] = useState(null);
  const [busy, setBusy] = useState(false);
  const confirm = async () => {
    setBusy(true);
    setError(null);
    try {
      await onConfirm();
      ref.current?.close();
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  };
  return html`
    <button type="button" class=${danger ? 'danger' : ''} disabled=${disabled} onClick=${() => ref.current?.showModal()}>${label}</button>
    <dialog ref=${ref} aria-label=${label}>
      <p>${question}</p>
      <${ErrorNote} error=${error} />
      <div class="row">
        <button type="button" onClick=${() => ref.current?.close()}>Cancel</button>
        <button type="button" class=${danger ? 'danger' : 'primary'} disabled=${busy} onClick=${confirm}>${confirmLabel ?? label}</button>
      </div>
    </dialog>`;
}

/** Runs an async action from a button, keeping its error and busy state. */
export function useAction() {
  const [state, setState] = useState({ busy: false, error: null });
  const run = async (fn) => {
    setState({ busy: true, error: null });
    try {
      const out = await fn();
      setState({ busy: false, error: null });
      return out;
    } catch (error) {
      setState({ busy: false, error });
      return undefined;
    }
  };
  return [state, run];
}

/** A secret shown once, with a copy button. */
export function ShownOnce({ title, value, note }) {
  return html`<div class="shown-once" role="status">
    <p><strong>${title}</strong> ${note ?? 'Shown only this once: store it now.'}</p>
    <div class="row"><code class="secret" data-testid="secret">${value}</code>
      <button type="button" onClick=${() => navigator.clipboard?.writeText(value)}>Copy</button></div>
  </div>`;
}

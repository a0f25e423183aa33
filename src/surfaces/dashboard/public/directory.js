// Contacts and groups: the place for them once the directory exists in the API (not built yet).
import { html } from './ui.js';

export function DirectoryPage() {
  return html`<h1>Contacts & groups</h1>
    <section class="card"><p>The contact and group directory is not in the API yet. When <code>/v1</code> gains it,
      this page lists each session's contacts and groups.</p></section>`;
}

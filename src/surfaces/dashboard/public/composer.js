// The composer: text, or a file (uploaded with POST /v1/media, then sent by media_id).
import { useState } from 'preact/hooks';
import { api } from './api.js';
import { ErrorNote, html, useAction } from './ui.js';

function kindOf(type) {
  if (type.startsWith('image/') && type !== 'image/webp') return 'image';
  if (type.startsWith('video/')) return 'video';
  if (type.startsWith('audio/')) return 'audio';
  return 'document';
}

export function Composer({ session, chat, onSent }) {
  const [state, run] = useAction();
  const [text, setText] = useState('');
  const to = chat;
  const submit = async (e) => {
    e.preventDefault();
    const form = e.currentTarget;
    const file = form.elements.file.files[0];
    const sent = await run(async () => {
      const body = { to };
      if (file) {
        const { media } = await api('POST', '/v1/media?file_name=' + encodeURIComponent(file.name), file);
        const kind = kindOf(media.mimetype);
        body[kind] = {
          media_id: media.id,
          ...(text && kind !== 'audio' ? { caption: text } : {}),
          ...(kind === 'document' ? { file_name: file.name } : {}),
        };
      } else {
        body.text = text;
      }
      return api('POST', '/v1/sessions/' + session.id + '/messages', body);
    });
    if (sent) {
      setText('');
      form.reset();
      onSent();
    }
  };
  return html`<form class="composer" onSubmit=${submit}>
    <label for="compose-text" class="visually-hidden">Message</label>
    <textarea id="compose-text" name="text" rows="2" placeholder="Write a message" value=${text}
      onInput=${(e) => setText(e.currentTarget.value)}
      onKeyDown=${(e) => {
        if (e.key === 'Enter' && !e.shiftKey) {
          e.preventDefault();
          e.currentTarget.form.requestSubmit();
        }
      }}></textarea>
    <label for="compose-file" class="file">Attach a file <input id="compose-file" name="file" type="file" /></label>
    <button type="submit" class="primary" disabled=${state.busy || session.status !== 'connected'}>Send</button>
    ${session.status !== 'connected' && html`<p class="hint">The session is ${session.status.replace('_', ' ')}: messages are sent once it is connected.</p>`}
    <${ErrorNote} error=${state.error} />
  </form>`;
}

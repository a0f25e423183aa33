// Messages of a session: chats (from the newest messages), a conversation with live statuses,
// inbound media previews, a composer for text and files, and message info with its history.
import { useEffect, useRef, useState } from 'preact/hooks';
import { api } from './api.js';
import { useLiveEvents } from './live.js';
import { Composer } from './composer.js';
import { MessageInfo } from './message-info.js';
import { useSimulator, chatOf, contactWrites } from './sim.js';
import { ErrorNote, StatusBadge, formatTime, html, useLoad } from './ui.js';

export const chatLabel = (chat) => (chat.endsWith('@s.whatsapp.net') ? '+' + chat.split('@')[0] : chat);

function ChatList({ sessionId, chats, current }) {
  return html`<nav class="chat-list" aria-label="Chats"><ul>
    ${chats.map(
      (c) => html`<li key=${c.chat}><a href=${'#/sessions/' + sessionId + '/chats/' + encodeURIComponent(c.chat)}
      aria-current=${c.chat === current ? 'page' : undefined}><strong>${c.name ?? chatLabel(c.chat)}</strong>
      <span class="hint">${c.last.text ?? c.last.kind}</span></a></li>`,
    )}
  </ul>
  <form onSubmit=${(e) => {
    e.preventDefault();
    const to = new FormData(e.currentTarget).get('to').replace(/[^0-9]/g, '');
    if (to) location.hash = '#/sessions/' + sessionId + '/chats/' + encodeURIComponent(to + '@s.whatsapp.net');
  }}>
    <label for="new-chat">New chat with</label>
    <div class="row"><input id="new-chat" name="to" type="tel" placeholder="+14155550123" required /><button type="submit">Open</button></div>
  </form></nav>`;
}

function MediaPreview({ message }) {
  const [media, setMedia] = useState(null);
  const [stored, setStored] = useState(0);
  // The file is downloaded after the message arrives; messages.media says it is stored.
  useLiveEvents(
    (e) => {
      if (e.type === 'messages.media' && e.data.message_id === message.id) setStored((n) => n + 1);
    },
    [message.id],
  );
  useEffect(() => {
    api('GET', '/v1/messages/' + message.id + '/media').then(
      (r) => setMedia(r.data[0] ?? null),
      () => setMedia(null),
    );
  }, [message.id, stored]);
  if (!media) return html`<p class="hint">[${message.kind}]</p>`;
  if (media.mimetype.startsWith('image/'))
    return html`<img class="preview" src=${media.url} alt=${message.text || 'Received image'} loading="lazy" />`;
  if (media.mimetype.startsWith('video/'))
    return html`<video class="preview" src=${media.url} controls aria-label="Received video"></video>`;
  if (media.mimetype.startsWith('audio/'))
    return html`<audio src=${media.url} controls aria-label="Received audio"></audio>`;
  return html`<a href=${media.url} download=${media.file_name ?? ''}>${media.file_name ?? 'Download ' + message.kind}</a>`;
}

function Bubble({ m, onInfo }) {
  const mine = m.direction === 'out';
  const hasMedia = !['text', 'location', 'contacts', 'poll', 'reaction'].includes(m.kind);
  return html`<li class=${'bubble ' + (mine ? 'out' : 'in')} data-message=${m.id} data-status=${m.status}>
    ${!mine && m.sender?.name && html`<span class="sender">${m.sender.name}</span>`}
    ${hasMedia && m.direction === 'in' && html`<${MediaPreview} message=${m} />`}
    ${hasMedia && mine && html`<p class="hint">[${m.kind}]</p>`}
    ${m.text && html`<p class="text">${m.text}</p>`}
    ${m.revoked_at && html`<p class="hint">deleted</p>`}
    <div class="meta"><time datetime=${m.created_at}>${formatTime(m.timestamp ?? m.created_at)}</time>
      ${mine && html` <${StatusBadge} status=${m.status} />`}
      ${m.error && html` <span class="error-text">${m.error}</span>`}
      <button type="button" class="link" onClick=${() => onInfo(m.id)} aria-label=${'Message info ' + m.id}>info</button></div>
  </li>`;
}

function Conversation({ session, chat }) {
  const page = useLoad(
    () => api('GET', '/v1/sessions/' + session.id + '/messages?limit=100&chat=' + encodeURIComponent(chat)),
    [session.id, chat],
  );
  const [info, setInfo] = useState(null);
  const sim = useSimulator();
  const end = useRef(null);
  useLiveEvents(
    (e) => {
      if (e.session_id === session.id && e.type.startsWith('messages.')) page.reload();
    },
    [session.id, chat],
  );
  const messages = [...(page.data?.data ?? [])].reverse();
  useEffect(() => end.current?.scrollIntoView({ block: 'end' }), [messages.length]);
  const fromContact = sim && session.phone_number && chat === chatOf(sim.contact.phone);
  return html`<section class="conversation" aria-label=${'Conversation with ' + chatLabel(chat)}>
    <h2>${messages.find((m) => m.direction === 'in' && m.sender?.name)?.sender.name ?? chatLabel(chat)} <span class="hint">${chatLabel(chat)}</span></h2>
    <${ErrorNote} error=${page.error} />
    <ol class="bubbles" aria-live="polite">${messages.map((m) => html`<${Bubble} key=${m.id} m=${m} onInfo=${setInfo} />`)}</ol>
    <div ref=${end}></div>
    ${fromContact && html`<p><button type="button" onClick=${() => contactWrites(session.phone_number, 'Hello from ' + sim.contact.name + '!')}>Have ${sim.contact.name} write to you</button></p>`}
    <${Composer} session=${session} chat=${chat} onSent=${page.reload} />
    ${info && html`<${MessageInfo} id=${info} onClose=${() => setInfo(null)} />`}
  </section>`;
}

export function ChatsPage({ sessionId, chat }) {
  const detail = useLoad(
    () =>
      Promise.all([
        api('GET', '/v1/sessions/' + encodeURIComponent(sessionId)),
        api('GET', '/v1/sessions/' + encodeURIComponent(sessionId) + '/messages?limit=100'),
      ]),
    [sessionId],
  );
  useLiveEvents(
    (e) => {
      if (e.type === 'messages.received' && detail.data && e.session_id === detail.data[0].session.id) detail.reload();
    },
    [detail.data],
  );
  if (detail.error) return html`<${ErrorNote} error=${detail.error} />`;
  if (!detail.data) return html`<p>Loading…</p>`;
  const [{ session }, recent] = detail.data;
  const chats = [];
  for (const m of recent.data) {
    if (!chats.some((c) => c.chat === m.chat))
      chats.push({ chat: m.chat, last: m, name: m.direction === 'in' ? m.sender?.name : null });
  }
  return html`<p><a href=${'#/sessions/' + session.id}>← ${session.label ?? session.name ?? session.id}</a></p>
    <h1>Messages <${StatusBadge} status=${session.status} /></h1>
    <div class="chats">
      <${ChatList} sessionId=${session.id} chats=${chats} current=${chat} />
      ${chat ? html`<${Conversation} session=${session} chat=${chat} />` : html`<p>Choose a chat, or open a new one.</p>`}
    </div>`;
}

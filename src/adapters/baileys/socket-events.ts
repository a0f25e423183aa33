// Baileys socket events → engine events, for one socket. Events of a socket that is no longer the
// engine's current one (`live()` false) are dropped, so a late close or message of an old
// connection never reaches the runtime.
import { chatPatchFrom } from './chats.js';
import {
  contactsChange,
  groupsUpdate,
  groupsUpsert,
  labelAssociation,
  labelEdit,
  participantsUpdate,
  joinRequest,
  withBothIds,
} from './directory-events.js';
import type { DirectoryChange } from '../../core/ports/directory-events.js';
import { jidNormalizedUser, type BinaryNode, type WASocket } from 'baileys';
import { historyEvent } from './history-events.js';
import type { EngineEvent } from '../../core/ports/engine.js';
import { ackError } from './ack-errors.js';
import { deliveryStatusFromProto, toInboundMessage } from './to-core.js';

export interface SocketEventSink {
  /** Whether this socket is still the engine's current one. */
  live(): boolean;
  emit(event: EngineEvent): void;
  credsChanged(): void;
  /** The QR's lifetime for the next code (Baileys shows the first longer than later ones). */
  qrTtlMs(): number;
  opened(): void;
  closed(error: unknown): void;
}

export function wireSocketEvents(sock: WASocket, sink: SocketEventSink): void {
  const { live, emit } = sink;

  sock.ev.on('creds.update', () => {
    if (live()) sink.credsChanged();
  });

  sock.ev.on('connection.update', (update) => {
    if (!live()) return;
    if (update.connection === 'connecting') emit({ type: 'connecting' });
    if (update.qr) emit({ type: 'qr', qr: update.qr, expiresAt: new Date(Date.now() + sink.qrTtlMs()) });
    if (update.connection === 'open') sink.opened();
    if (update.connection === 'close') sink.closed(update.lastDisconnect?.error);
  });

  // The server ack of our own message (`<ack class="message" id from [error]>`). Baileys handles it
  // only when it carries an error; we listen beside it: this ack, not the socket write, makes a
  // message `sent`.
  sock.ws.on('CB:ack,class:message', (node: BinaryNode) => {
    if (!live()) return;
    const { id, from, error } = node.attrs;
    if (!id) return;
    emit({
      type: 'server_ack',
      waId: id,
      chat: from ? jidNormalizedUser(from) : '',
      error: error ? `WhatsApp refused the message (error ${error})` : null,
    });
  });

  sock.ev.on('messages.upsert', ({ messages, type }) => {
    if (!live()) return;
    for (const m of messages) {
      const inbound = toInboundMessage(m);
      if (inbound) emit({ type: 'message', message: inbound, live: type === 'notify' });
      // While Baileys buffers events, a receipt for our own message is merged into the buffered
      // upsert of that message instead of arriving as messages.update: take the status from it.
      const status = m.key?.fromMe ? deliveryStatusFromProto(m.status) : null;
      if (inbound && status) {
        const error = status === 'failed' ? ackError(m.messageStubParameters) : undefined;
        emit({
          type: 'status',
          waId: inbound.waId,
          chat: inbound.chat,
          status,
          at: new Date(),
          ...(error ? { error } : {}),
        });
      }
    }
  });

  // Older messages the phone sent for our on-demand history request (history-events.ts). The
  // link-time syncs (INITIAL_BOOTSTRAP, RECENT, FULL) are not stored as messages.
  sock.ev.on('messaging-history.set', (set) => {
    if (!live()) return;
    historyEvent(set, sock.signalRepository.lidMapping).then(
      (event) => event && live() && emit(event),
      () => undefined,
    );
  });

  sock.ev.on('call', (calls) => {
    if (!live()) return;
    for (const c of calls) {
      emit({
        type: 'call',
        call: {
          callId: c.id,
          from: c.from,
          callerJid: c.callerPn
            ? jidNormalizedUser(c.callerPn)
            : c.from.endsWith('@s.whatsapp.net')
              ? jidNormalizedUser(c.from)
              : null,
          isVideo: Boolean(c.isVideo),
          isGroup: Boolean(c.isGroup),
          status: c.status,
          at: c.date instanceof Date ? c.date : new Date(),
        },
      });
    }
  });

  // Chat state from app state: the phone (or another linked device) archived, pinned, muted or
  // marked a chat, or our own change came back.
  sock.ev.on('chats.update', (updates) => {
    if (!live()) return;
    for (const update of updates) {
      if (!update.id) continue;
      const change = chatPatchFrom(update, new Date());
      if (change) emit({ type: 'chat', chat: jidNormalizedUser(update.id), change });
    }
  });

  // Groups, contacts and labels as they change on WhatsApp: group changes become events, contacts
  // are stored and announced, labels are stored (the chat recorder decides).
  const directory = (change: DirectoryChange | null) => {
    if (change && live()) emit({ type: 'directory', change });
  };
  // People named by one JID only get the other from Baileys' LID mappings first.
  const withIds = (change: DirectoryChange | null) =>
    withBothIds(sock.signalRepository.lidMapping, change).then(directory, () => directory(change));
  sock.ev.on('groups.upsert', (groups) => directory(groupsUpsert(groups)));
  sock.ev.on('groups.update', (updates) => directory(groupsUpdate(updates)));
  sock.ev.on('group-participants.update', (update) => directory(participantsUpdate(update)));
  sock.ev.on('group.join-request', (update) => withIds(joinRequest(update)));
  sock.ev.on('contacts.upsert', (contacts) => withIds(contactsChange('contacts.upsert', contacts)));
  sock.ev.on('contacts.update', (contacts) => withIds(contactsChange('contacts.update', contacts)));
  sock.ev.on('labels.edit', (label) => directory(labelEdit(label)));
  sock.ev.on('labels.association', (update) => directory(labelAssociation(update)));

  sock.ev.on('messages.update', (updates) => {
    if (!live()) return;
    for (const { key, update } of updates) {
      // A star from app state (the phone starred it, or our own star synced back).
      if (typeof update.starred === 'boolean' && key.id && key.remoteJid)
        directory({
          kind: 'message.starred',
          chat: jidNormalizedUser(key.remoteJid),
          waId: key.id,
          starred: update.starred,
        });
      if (!key.id || !key.fromMe || !key.remoteJid) continue;
      const status = deliveryStatusFromProto(update.status);
      if (!status) continue;
      const error =
        status === 'failed'
          ? ackError((update as { messageStubParameters?: unknown }).messageStubParameters)
          : undefined;
      emit({
        type: 'status',
        waId: key.id,
        chat: jidNormalizedUser(key.remoteJid),
        status,
        at: new Date(),
        ...(error ? { error } : {}),
      });
    }
  });
}

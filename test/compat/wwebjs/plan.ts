// The swagger sweep's plan: every operation of the original's swagger.json, in an order where each
// finds what it needs (a group made by createGroup, messages sent and received), with its request
// body and the result key and object shape the catalog gives it (API-CATALOG.md §6.2–§6.8).
import type { ShapeName } from './shapes.schema.js';

export interface SweepCtx {
  /** The linked session's name (its whatsapp-web.js sessionId). */
  sid: string;
  /** A second session started by the sweep (QR, terminate). */
  sid2: string;
  contact: string;
  contactPhone: string;
  png: string;
  group: string;
  /** An invite code of a group the simulated contact made without us. */
  foreignCode: string;
  labelId: string;
  inText: string;
  inImage: string;
  outText: string;
  reply: string;
}

type Json = Record<string, unknown>;

export interface Step {
  op: string;
  body?: (c: SweepCtx) => unknown;
  /** The result key (`{success: true, <key>: …}`); null: none required. */
  key: string | null;
  shape?: ShapeName;
  /** The expected `success` (default true); null: not checked. */
  success?: boolean | null;
  /** The session in the path (default the linked one). */
  session?: (c: SweepCtx) => string;
  /** Content type of the 200 answer (default JSON). */
  png?: boolean;
  /** Captures what later steps need, or checks more. */
  capture?: (body: Json, c: SweepCtx) => void | Promise<void>;
}

const chat = (c: SweepCtx) => ({ chatId: c.contact });
const group = (c: SweepCtx) => ({ chatId: c.group });
const msg = (id: keyof SweepCtx) => (c: SweepCtx) => ({ chatId: c.contact, messageId: c[id] });
const person = (c: SweepCtx) => ({ contactId: c.contact });
const idOf = (m: unknown) => ((m as Json).id as Json).id as string;

export const PLAN: Step[] = [
  { op: 'GET /ping', key: 'message' },
  { op: 'POST /localCallbackExample', body: () => ({ dataType: 'ping', data: {}, sessionId: 'x' }), key: null },
  // ---- sessions: a second one to start, read its QR, and terminate -----------------------------
  { op: 'GET /session/start/{sessionId}', session: (c) => c.sid2, key: 'message' },
  { op: 'GET /session/status/{sessionId}', key: 'state' },
  { op: 'GET /session/qr/{sessionId}', session: (c) => c.sid2, key: 'qr', shape: 'string' },
  { op: 'GET /session/qr/{sessionId}/image', session: (c) => c.sid2, key: null, png: true },
  { op: 'GET /session/terminate/{sessionId}', session: (c) => c.sid2, key: 'message' },
  // ---- client -----------------------------------------------------------------------------------
  { op: 'GET /client/getState/{sessionId}', key: 'state' },
  { op: 'GET /client/getClassInfo/{sessionId}', key: 'sessionInfo', shape: 'ClientInfo' },
  { op: 'GET /client/getWWebVersion/{sessionId}', key: 'result', shape: 'string' },
  {
    op: 'POST /client/sendMessage/{sessionId}',
    body: (c) => ({ chatId: c.contact, contentType: 'string', content: 'sweep hello' }),
    key: 'message',
    shape: 'Message',
    capture: (b, c) => {
      c.outText = idOf(b.message);
    },
  },
  { op: 'GET /client/getChats/{sessionId}', key: 'chats', shape: 'Chat[]' },
  { op: 'POST /client/getChatById/{sessionId}', body: chat, key: 'chat', shape: 'Chat' },
  { op: 'GET /client/getContacts/{sessionId}', key: 'contacts', shape: 'Contact[]' },
  { op: 'POST /client/getContactById/{sessionId}', body: person, key: 'contact', shape: 'Contact' },
  {
    op: 'POST /client/getNumberId/{sessionId}',
    body: (c) => ({ number: c.contactPhone }),
    key: 'result',
    shape: 'WId',
  },
  {
    op: 'POST /client/isRegisteredUser/{sessionId}',
    body: (c) => ({ number: c.contactPhone }),
    key: 'result',
    shape: 'true',
  },
  { op: 'POST /client/getProfilePicUrl/{sessionId}', body: person, key: null },
  { op: 'POST /client/archiveChat/{sessionId}', body: chat, key: 'result', shape: 'true' },
  { op: 'POST /client/unarchiveChat/{sessionId}', body: chat, key: 'result', shape: 'boolean' },
  { op: 'POST /client/pinChat/{sessionId}', body: chat, key: 'result', shape: 'true' },
  { op: 'POST /client/unpinChat/{sessionId}', body: chat, key: 'result', shape: 'boolean' },
  { op: 'POST /client/muteChat/{sessionId}', body: chat, key: 'mute' },
  { op: 'POST /client/unmuteChat/{sessionId}', body: chat, key: 'result' },
  { op: 'POST /client/markChatUnread/{sessionId}', body: chat, key: 'mark' },
  { op: 'POST /client/sendSeen/{sessionId}', body: chat, key: 'result', shape: 'boolean' },
  {
    op: 'POST /client/searchMessages/{sessionId}',
    body: () => ({ query: 'sweep' }),
    key: 'messages',
    shape: 'Message[]',
  },
  { op: 'POST /client/sendPresenceAvailable/{sessionId}', key: 'presence' },
  { op: 'POST /client/sendPresenceUnavailable/{sessionId}', key: 'presence' },
  {
    op: 'POST /client/setDisplayName/{sessionId}',
    body: () => ({ displayName: 'Sweep' }),
    key: 'result',
    shape: 'true',
  },
  { op: 'POST /client/setStatus/{sessionId}', body: () => ({ status: 'sweeping' }), key: null },
  {
    op: 'POST /client/setProfilePicture/{sessionId}',
    body: (c) => ({ pictureMimetype: 'image/png', pictureData: c.png }),
    key: 'result',
    shape: 'true',
  },
  { op: 'POST /client/getLabels/{sessionId}', key: 'labels', shape: 'Label[]' },
  { op: 'POST /client/getLabelById/{sessionId}', body: (c) => ({ labelId: c.labelId }), key: 'label', shape: 'Label' },
  {
    op: 'POST /client/addOrRemoveLabels/{sessionId}',
    body: (c) => ({ labelIds: [c.labelId], chatIds: [c.contact] }),
    key: 'labels',
  },
  { op: 'POST /client/getChatLabels/{sessionId}', body: chat, key: 'chatLabels', shape: 'Label[]' },
  {
    op: 'POST /client/getChatsByLabelId/{sessionId}',
    body: (c) => ({ labelId: c.labelId }),
    key: 'chats',
    shape: 'Chat[]',
  },
  {
    op: 'POST /client/createGroup/{sessionId}',
    body: (c) => ({ name: 'Sweep group', participants: [c.contact] }),
    key: 'response',
    shape: 'CreateGroupResult',
    capture: (b, c) => {
      c.group = ((b.response as Json).gid as Json)._serialized as string;
    },
  },
  { op: 'POST /client/getCommonGroups/{sessionId}', body: person, key: 'groups', shape: 'WId[]' },
  {
    op: 'POST /client/getInviteInfo/{sessionId}',
    body: (c) => ({ inviteCode: c.foreignCode }),
    key: 'inviteInfo',
    shape: 'InviteInfo',
  },
  {
    op: 'POST /client/acceptInvite/{sessionId}',
    body: (c) => ({ inviteCode: c.foreignCode }),
    key: 'acceptInvite',
    shape: 'GroupId',
  },
  // ---- chat ---------------------------------------------------------------------------------------
  { op: 'POST /chat/getClassInfo/{sessionId}', body: chat, key: 'chat', shape: 'Chat' },
  {
    op: 'POST /chat/fetchMessages/{sessionId}',
    body: (c) => ({ chatId: c.contact, searchOptions: { limit: 10 } }),
    key: 'messages',
    shape: 'Message[]',
  },
  { op: 'POST /chat/getContact/{sessionId}', body: chat, key: 'contact', shape: 'Contact' },
  { op: 'POST /chat/sendStateTyping/{sessionId}', body: chat, key: 'sendStateTyping' },
  { op: 'POST /chat/sendStateRecording/{sessionId}', body: chat, key: 'sendStateRecording' },
  { op: 'POST /chat/clearState/{sessionId}', body: chat, key: 'clearState' },
  // ---- message ----------------------------------------------------------------------------------
  { op: 'POST /message/getClassInfo/{sessionId}', body: msg('inText'), key: 'message', shape: 'Message' },
  {
    op: 'POST /message/downloadMedia/{sessionId}',
    body: msg('inImage'),
    key: 'messageMedia',
    shape: 'MessageMedia',
  },
  { op: 'POST /message/react/{sessionId}', body: (c) => ({ ...msg('inText')(c), reaction: '👍' }), key: 'result' },
  {
    op: 'POST /message/reply/{sessionId}',
    body: (c) => ({ ...msg('inText')(c), content: 'sweep reply' }),
    key: 'repliedMessage',
    shape: 'Message',
    capture: (b, c) => {
      c.reply = idOf(b.repliedMessage);
    },
  },
  {
    op: 'POST /message/getQuotedMessage/{sessionId}',
    body: msg('reply'),
    key: 'quotedMessage',
    shape: 'Message',
  },
  {
    op: 'POST /message/forward/{sessionId}',
    body: (c) => ({ ...msg('inText')(c), destinationChatId: c.group }),
    key: 'result',
  },
  { op: 'POST /message/star/{sessionId}', body: msg('inText'), key: 'result' },
  { op: 'POST /message/unstar/{sessionId}', body: msg('inText'), key: 'result' },
  { op: 'POST /message/getInfo/{sessionId}', body: msg('outText'), key: 'info', shape: 'MessageInfo' },
  { op: 'POST /message/getMentions/{sessionId}', body: msg('inText'), key: 'contacts', shape: 'Contact[]' },
  { op: 'POST /message/getOrder/{sessionId}', body: msg('inText'), key: null },
  { op: 'POST /message/getPayment/{sessionId}', body: msg('inText'), key: null },
  { op: 'POST /message/delete/{sessionId}', body: (c) => ({ ...msg('outText')(c), everyone: true }), key: 'result' },
  // ---- contact ----------------------------------------------------------------------------------
  { op: 'POST /contact/getClassInfo/{sessionId}', body: person, key: 'result', shape: 'Contact' },
  { op: 'POST /contact/getAbout/{sessionId}', body: person, key: 'result', shape: 'string|null' },
  { op: 'POST /contact/getChat/{sessionId}', body: person, key: 'result', shape: 'Chat' },
  { op: 'POST /contact/getFormattedNumber/{sessionId}', body: person, key: 'result', shape: 'string' },
  { op: 'POST /contact/getCountryCode/{sessionId}', body: person, key: 'result', shape: 'string' },
  { op: 'POST /contact/getProfilePicUrl/{sessionId}', body: person, key: 'result', shape: 'string|null' },
  { op: 'POST /contact/block/{sessionId}', body: person, key: 'result', shape: 'true' },
  { op: 'POST /client/getBlockedContacts/{sessionId}', key: 'blockedContacts', shape: 'Contact[]' },
  { op: 'POST /contact/unblock/{sessionId}', body: person, key: 'result', shape: 'true' },
  // ---- group (the one createGroup made, the contact in it) ---------------------------------------
  { op: 'POST /groupChat/getClassInfo/{sessionId}', body: group, key: 'chat', shape: 'GroupChat' },
  { op: 'POST /groupChat/getInviteCode/{sessionId}', body: group, key: 'inviteCode', shape: 'string' },
  { op: 'POST /groupChat/revokeInvite/{sessionId}', body: group, key: 'newInviteCode', shape: 'string' },
  {
    op: 'POST /groupChat/setSubject/{sessionId}',
    body: (c) => ({ ...group(c), subject: 'Swept' }),
    key: 'chat',
    shape: 'GroupChat',
  },
  {
    op: 'POST /groupChat/setDescription/{sessionId}',
    body: (c) => ({ ...group(c), description: 'a swept group' }),
    key: 'chat',
    shape: 'GroupChat',
  },
  {
    op: 'POST /groupChat/setInfoAdminsOnly/{sessionId}',
    body: (c) => ({ ...group(c), adminsOnly: true }),
    key: 'result',
    shape: 'true',
  },
  {
    op: 'POST /groupChat/setMessagesAdminsOnly/{sessionId}',
    body: (c) => ({ ...group(c), adminsOnly: false }),
    key: 'result',
    shape: 'true',
  },
  {
    op: 'POST /groupChat/setPicture/{sessionId}',
    body: (c) => ({ ...group(c), pictureMimetype: 'image/png', pictureData: c.png }),
    key: 'result',
    shape: 'true',
  },
  { op: 'POST /groupChat/deletePicture/{sessionId}', body: group, key: 'result', shape: 'true' },
  {
    op: 'POST /groupChat/promoteParticipants/{sessionId}',
    body: (c) => ({ ...group(c), contactIds: [c.contact] }),
    key: 'participants',
    shape: 'GroupParticipant[]',
  },
  {
    op: 'POST /groupChat/demoteParticipants/{sessionId}',
    body: (c) => ({ ...group(c), contactIds: [c.contact] }),
    key: 'participants',
    shape: 'GroupParticipant[]',
  },
  {
    op: 'POST /groupChat/removeParticipants/{sessionId}',
    body: (c) => ({ ...group(c), contactIds: [c.contact] }),
    key: 'participants',
    shape: 'GroupParticipant[]',
  },
  {
    op: 'POST /groupChat/addParticipants/{sessionId}',
    body: (c) => ({ ...group(c), contactIds: [c.contact] }),
    key: 'participants',
    shape: 'GroupParticipant[]',
  },
  { op: 'POST /groupChat/leave/{sessionId}', body: group, key: 'outcome' },
  // ---- destructive chat operations, then the sessions go ------------------------------------------
  { op: 'POST /chat/clearMessages/{sessionId}', body: chat, key: 'clearMessages', shape: 'boolean' },
  { op: 'POST /chat/delete/{sessionId}', body: chat, key: 'deleteChat', shape: 'boolean' },
  { op: 'GET /session/restart/{sessionId}', key: 'message' },
  { op: 'GET /session/terminateInactive', key: 'message' },
  { op: 'GET /session/terminateAll', key: 'message' },
];

// JSON schemas of the whatsapp-web.js objects the /wwebjs bodies carry (API-CATALOG.md §6.9), where
// the original's swagger.json says only "200 OK". Ids must be in the `@c.us`/`@g.us` form.

const id = { type: 'string', pattern: '^[\\w.:-]+@(c\\.us|g\\.us|lid|newsletter|broadcast)$' } as const;
const wid = {
  type: 'object',
  required: ['server', 'user', '_serialized'],
  properties: { server: { type: 'string' }, user: { type: 'string' }, _serialized: id },
} as const;

const message = {
  type: 'object',
  required: ['id', 'ack', 'hasMedia', 'body', 'type', 'timestamp', 'from', 'to', 'fromMe', 'hasQuotedMsg'],
  properties: {
    id: {
      type: 'object',
      required: ['fromMe', 'remote', 'id', '_serialized'],
      properties: {
        fromMe: { type: 'boolean' },
        remote: id,
        id: { type: 'string', minLength: 1 },
        _serialized: { type: 'string' },
      },
    },
    ack: { type: 'integer', minimum: -1, maximum: 4 },
    hasMedia: { type: 'boolean' },
    body: { type: 'string' },
    type: {
      enum: [
        'chat',
        'audio',
        'ptt',
        'image',
        'video',
        'document',
        'sticker',
        'location',
        'vcard',
        'multi_vcard',
        'revoked',
        'poll_creation',
        'reaction',
        'unknown',
      ],
    },
    timestamp: { type: 'integer', minimum: 1_000_000_000 },
    from: id,
    to: id,
    author: { anyOf: [id, { type: 'null' }] },
    fromMe: { type: 'boolean' },
    isForwarded: { type: 'boolean' },
    isStarred: { type: 'boolean' },
    hasQuotedMsg: { type: 'boolean' },
    hasReaction: { type: 'boolean' },
    mentionedIds: { type: 'array', items: id },
  },
} as const;

const chat = {
  type: 'object',
  required: ['id', 'name', 'isGroup', 'isReadOnly', 'unreadCount', 'timestamp', 'archived', 'pinned', 'isMuted'],
  properties: {
    id: wid,
    name: { type: 'string' },
    isGroup: { type: 'boolean' },
    isReadOnly: { type: 'boolean' },
    unreadCount: { type: 'integer', minimum: 0 },
    timestamp: { type: 'integer', minimum: 0 },
    archived: { type: 'boolean' },
    pinned: { type: 'boolean' },
    isMuted: { type: 'boolean' },
    muteExpiration: { type: 'integer' },
  },
} as const;

const participant = {
  type: 'object',
  required: ['id', 'isAdmin', 'isSuperAdmin'],
  properties: { id: wid, isAdmin: { type: 'boolean' }, isSuperAdmin: { type: 'boolean' } },
} as const;

const groupChat = {
  type: 'object',
  required: [...chat.required, 'groupMetadata'],
  properties: {
    ...chat.properties,
    isGroup: { const: true },
    groupMetadata: {
      type: 'object',
      required: ['id', 'subject', 'participants', 'announce', 'restrict'],
      properties: {
        id: wid,
        subject: { type: 'string' },
        participants: { type: 'array', items: participant },
        announce: { type: 'boolean' },
        restrict: { type: 'boolean' },
      },
    },
  },
} as const;

const contact = {
  type: 'object',
  required: ['id', 'number', 'isBusiness', 'isEnterprise', 'isMe', 'isUser', 'isGroup', 'isWAContact', 'isMyContact'],
  properties: {
    id: wid,
    number: { type: 'string' },
    isBusiness: { type: 'boolean' },
    isEnterprise: { type: 'boolean' },
    name: { type: 'string' },
    pushname: { type: 'string' },
    isMe: { type: 'boolean' },
    isUser: { type: 'boolean' },
    isGroup: { type: 'boolean' },
    isWAContact: { type: 'boolean' },
    isMyContact: { type: 'boolean' },
    isBlocked: { type: 'boolean' },
  },
} as const;

const label = {
  type: 'object',
  required: ['id', 'name', 'hexColor'],
  properties: { id: { type: 'string' }, name: { type: 'string' }, hexColor: { type: 'string', pattern: '^#' } },
} as const;

export const SHAPES = {
  Message: message,
  'Message[]': { type: 'array', items: message },
  Chat: chat,
  'Chat[]': { type: 'array', items: chat },
  GroupChat: groupChat,
  Contact: contact,
  'Contact[]': { type: 'array', items: contact },
  Label: label,
  'Label[]': { type: 'array', items: label },
  WId: wid,
  'WId[]': { type: 'array', items: wid },
  'GroupParticipant[]': { type: 'array', items: participant },
  ClientInfo: {
    type: 'object',
    required: ['pushname', 'wid', 'me', 'platform'],
    properties: { pushname: { type: 'string' }, wid, me: wid, platform: { type: 'string' } },
  },
  CreateGroupResult: {
    type: 'object',
    required: ['title', 'gid', 'participants'],
    properties: {
      title: { type: 'string' },
      gid: wid,
      participants: {
        type: 'object',
        additionalProperties: {
          type: 'object',
          required: ['statusCode', 'message', 'isGroupCreator', 'isInviteV4Sent'],
          properties: { statusCode: { type: 'integer' }, message: { type: 'string' } },
        },
      },
    },
  },
  MessageMedia: {
    type: 'object',
    required: ['mimetype', 'data', 'filename', 'filesize'],
    properties: {
      mimetype: { type: 'string', minLength: 3 },
      data: { type: 'string', minLength: 4, pattern: '^[A-Za-z0-9+/]+=*$' },
      filename: { type: ['string', 'null'] },
      filesize: { type: ['integer', 'null'] },
    },
  },
  MessageInfo: {
    type: 'object',
    required: ['delivery', 'deliveryRemaining', 'played', 'playedRemaining', 'read', 'readRemaining'],
    properties: {
      delivery: { type: 'array', items: { type: 'object', required: ['id', 't'] } },
      read: { type: 'array', items: { type: 'object', required: ['id', 't'] } },
      played: { type: 'array' },
      deliveryRemaining: { type: 'integer' },
      readRemaining: { type: 'integer' },
      playedRemaining: { type: 'integer' },
    },
  },
  InviteInfo: { type: 'object', required: ['id', 'subject'], properties: { id: wid, subject: { type: 'string' } } },
  GroupId: id,
  string: { type: 'string', minLength: 1 },
  'string|null': { type: ['string', 'null'] },
  boolean: { type: 'boolean' },
  true: { const: true },
} as const;

export type ShapeName = keyof typeof SHAPES;

// The seed's webhook payload example of each WasenderApi event (seed 002, "Webhook: …" pages,
// the first code example). Five of them carry inline comments that make the flattened seed text
// unparseable (group-participants.update, session.status, messages.received, messages.upsert,
// messages.reaction); those are the condensed payloads of API-CATALOG.md §4.7, taken from the same pages.

export const SEED_WEBHOOKS: Record<string, unknown> = {
  call: {
    event: 'call',
    timestamp: 1633456829,
    data: {
      call: {
        id: '3EB025832E521B2F7E11',
        from: '1234567890@s.whatsapp.net',
        date: '2025-09-22T21:34:00.000Z',
        isGroup: false,
        isVideo: true,
        status: 'offer',
      },
    },
  },
  'chats.delete': { event: 'chats.delete', timestamp: 1633456789, data: ['1234567890'] },
  'chats.update': {
    event: 'chats.update',
    timestamp: 1633456789,
    data: [{ id: '1234567890', unreadCount: 0, conversationTimestamp: 1633456789 }],
  },
  'chats.upsert': {
    event: 'chats.upsert',
    timestamp: 1633456789,
    data: [{ id: '1234567890', name: 'Contact Name', conversationTimestamp: 1633456789, unreadCount: 2 }],
  },
  'contacts.update': {
    event: 'contacts.update',
    timestamp: 1633456789,
    data: [
      {
        jid: '1234567890',
        imgUrl: 'https://pps.whatsapp.net/v/t61.24694-24/123456789_123456789_123456789_123456789_123456789.jpg',
      },
    ],
  },
  'contacts.upsert': {
    event: 'contacts.upsert',
    timestamp: 1633456789,
    data: [
      {
        jid: '1234567890',
        name: 'Contact Name',
        notify: 'Contact Display Name',
        verifiedName: 'Verified Business Name',
        status: 'Hey there! I am using WhatsApp.',
      },
    ],
  },
  'group-participants.update': {
    event: 'group-participants.update',
    timestamp: 1633456789,
    data: { jid: '123456789-987654321@g.us', participants: ['1234567890'], action: 'add' },
  },
  'groups.update': {
    event: 'groups.update',
    timestamp: 1633456789,
    data: [{ jid: '123456789-987654321@g.us', announce: true, restrict: false }],
  },
  'groups.upsert': {
    event: 'groups.upsert',
    timestamp: 1633456789,
    data: [
      {
        jid: '123456789-987654321@g.us',
        subject: 'Group Name',
        creation: 1633456700,
        owner: '1234567890',
        desc: 'Group description',
        participants: [
          { jid: '1234567890', isAdmin: true, isSuperAdmin: true },
          { jid: '0987654321', isAdmin: false, isSuperAdmin: false },
        ],
      },
    ],
  },
  'message-receipt.update': {
    event: 'message-receipt.update',
    sessionId: 'your_session_id_here',
    data: {
      message: {
        key: {
          remoteJid: 'group_jid_here@g.us',
          id: 'message_id_here',
          fromMe: true,
          participant: 'participant_jid_here',
        },
        receipt: { userJid: 'participant_jid_here', receiptTimestamp: 1234567890 },
      },
    },
    timestamp: 1234567890123,
  },
  'message.sent': {
    event: 'message.sent',
    timestamp: 1633456790,
    data: {
      key: { id: 'message-id-456', fromMe: true, remoteJid: '+1987654321' },
      message: { conversation: 'This is my reply.' },
      success: true,
    },
  },
  'messages-group.received': {
    event: 'messages-group.received',
    timestamp: 1633456799,
    data: {
      messages: {
        key: {
          id: 'message-id-group-456',
          fromMe: false,
          remoteJid: '123456789-987654321@g.us',
          participant: '123456789@lid',
          participantPn: '123456789@s.whatsapp.net',
          cleanedParticipantPn: '123456789',
          participantLid: '123456789@lid',
          addressingMode: 'lid',
        },
        messageBody: 'Hey everyone, just checking in!',
        message: { conversation: 'Hey everyone, just checking in!' },
      },
    },
  },
  'messages-newsletter.received': {
    event: 'messages-newsletter.received',
    timestamp: 1633456799,
    data: {
      messages: {
        key: { id: 'message-id-newsletter-456', fromMe: false, remoteJid: '123456789-987654321@newsletter' },
        messageBody: 'Hey Good News!',
        message: { conversation: 'Hey Good News!' },
      },
    },
  },
  'messages-personal.received': {
    event: 'messages-personal.received',
    timestamp: 1633456789,
    data: {
      messages: {
        key: {
          id: '3EB0X123456789',
          fromMe: false,
          remoteJid: '1234567890@s.whatsapp.net',
          addressingMode: 'pn',
          senderPn: '1234567890@s.whatsapp.net',
          cleanedSenderPn: '1234567890',
          senderLid: '555555555@lid',
        },
        messageBody: 'Hello, I have a question',
        message: { conversation: 'Hello, I have a question' },
      },
    },
  },
  'messages.delete': {
    event: 'messages.delete',
    timestamp: 1633456800,
    data: { keys: [{ id: 'message-id-789', fromMe: false, remoteJid: '+1234567890' }] },
  },
  'messages.reaction': {
    event: 'messages.reaction',
    timestamp: 1633456810,
    data: [
      {
        key: { id: 'message-id-123', fromMe: false, remoteJid: '+1234567890' },
        reaction: { text: '👍', key: { id: 'message-id-123', fromMe: false, remoteJid: '+1234567890' } },
      },
    ],
  },
  'messages.received': {
    event: 'messages.received',
    timestamp: 1633456789,
    data: {
      messages: {
        key: {
          id: '3EB0X123456789',
          fromMe: false,
          remoteJid: '1234567890@s.whatsapp.net',
          addressingMode: 'pn',
          senderPn: '1234567890@s.whatsapp.net',
          cleanedSenderPn: '1234567890',
          senderLid: '555555555@lid',
        },
        messageBody: 'Hello, I have a question',
        message: { conversation: 'Hello, I have a question' },
      },
    },
  },
  'messages.update': {
    event: 'messages.update',
    sessionId: 'your_api_key',
    data: { update: { status: 2 }, key: { remoteJid: '123456789@s.whatsapp.net', id: '34874643876', fromMe: false } },
    timestamp: 1747775431467,
  },
  'messages.upsert': {
    event: 'messages.upsert',
    timestamp: 1633456789,
    data: {
      messages: [
        {
          key: {
            id: 'message-id-123',
            fromMe: false,
            remoteJid: '5551234567@s.whatsapp.net',
            senderPn: '5551234567@s.whatsapp.net',
            cleanedSenderPn: '5551234567',
            senderLid: '123456@lid',
            addressingMode: 'pn',
          },
          messageBody: 'Hello!',
          message: { conversation: 'Hello!' },
        },
      ],
    },
  },
  'poll.results': {
    event: 'poll.results',
    sessionId: 'YOUR_SESSION_API_KEY',
    data: {
      key: { remoteJid: '123456789@s.whatsapp.net', fromMe: true, id: 'FZNABLUGNI0F3QIJSWPW7H' },
      pollResult: [
        { name: 'Pizza', voters: ['123456789@s.whatsapp.net'] },
        { name: 'Humberger', voters: [] },
      ],
    },
    timestamp: 1753278982097,
  },
  'qrcode.updated': {
    event: 'qrcode.updated',
    sessionId: 'YOUR_SESSION_API_KEY',
    data: { qr: '2@67576ghf/RMXr8A2IP3/...' },
  },
  'session.status': { event: 'session.status', sessionId: 'YOUR_SESSION_API_KEY', data: { status: 'connected' } },
};

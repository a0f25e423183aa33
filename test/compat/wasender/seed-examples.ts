// The seed's documented response example of each of WasenderApi's 45 endpoints (seed 002,
// /work/shared/seeds/002_*.txt, "Response examples", the first one; API-CATALOG.md §4.2–§4.5),
// extracted as JSON. Fixes to the seed's own syntax: comments and trailing commas dropped; C14 (a
// missing brace) and C29 (a missing brace and comma) repaired; C33's `[{title, code}]` wrapper dropped.
// The shape test (wire-shapes.test.ts) compares wagate's answers with these: keys, types, nesting.

export const SEED_EXAMPLES: Record<string, { endpoint: string; example: unknown }> = {
  C1: {
    endpoint: 'GET /api/whatsapp-sessions',
    example: {
      success: true,
      data: [
        {
          id: 1,
          name: 'Business WhatsApp',
          phone_number: '+1234567890',
          status: 'connected',
          account_protection: true,
          log_messages: true,
          webhook_url: 'https://example.com/webhook',
          webhook_enabled: true,
          webhook_events: ['message', 'group_update'],
          created_at: '2025-04-01T12:00:00Z',
          updated_at: '2025-05-08T15:30:00Z',
        },
        {
          id: 2,
          name: 'Support WhatsApp',
          phone_number: '+9876543210',
          status: 'DISCONNECTED',
          account_protection: false,
          log_messages: false,
          webhook_url: null,
          webhook_enabled: false,
          webhook_events: null,
          created_at: '2025-04-15T09:45:00Z',
          updated_at: '2025-05-07T11:20:00Z',
        },
      ],
    },
  },
  C2: {
    endpoint: 'POST /api/whatsapp-sessions',
    example: {
      success: true,
      data: {
        id: 1,
        name: 'Business WhatsApp',
        phone_number: '+1234567890',
        status: 'connected',
        account_protection: true,
        log_messages: true,
        read_incoming_messages: false,
        webhook_url: 'https://example.com/webhook',
        webhook_enabled: true,
        webhook_events: ['messages.received', 'session.status', 'messages.update'],
        api_key: '75075a7bf6417bff59e76fb7205382c2dc74cf1769e76f382c2dc74cf176c0bf',
        webhook_secret: 'fb61be92ddb7935e0cedcec58e470f6c',
        created_at: '2025-04-01T12:00:00Z',
        updated_at: '2025-05-08T15:30:00Z',
      },
    },
  },
  C3: {
    endpoint: 'GET /api/whatsapp-sessions/{whatsappSession}',
    example: {
      success: true,
      data: {
        id: 1,
        name: 'Business WhatsApp',
        phone_number: '+1234567890',
        status: 'connected',
        account_protection: true,
        log_messages: true,
        webhook_url: 'https://example.com/webhook',
        webhook_enabled: true,
        webhook_events: ['message', 'group_update'],
        api_key: '75075a7bf6417bff59e76fb7205382c2dc74cf1769e76f382c2dc74cf176c0bf',
        webhook_secret: 'fb61be92ddb7935e0cedcec58e470f6c',
        created_at: '2025-04-01T12:00:00Z',
        updated_at: '2025-05-08T15:30:00Z',
      },
    },
  },
  C4: {
    endpoint: 'PUT /api/whatsapp-sessions/{whatsappSession}',
    example: {
      success: true,
      data: {
        id: 1,
        name: 'Business WhatsApp',
        phone_number: '+1234567890',
        status: 'connected',
        account_protection: true,
        log_messages: true,
        read_incoming_messages: true,
        webhook_url: 'https://example.com/webhook',
        webhook_enabled: true,
        webhook_events: ['messages.received', 'session.status', 'messages.update'],
        api_key: '75075a7bf6417bff59e76fb7205382c2dc74cf1769e76f382c2dc74cf176c0bf',
        webhook_secret: 'fb61be92ddb7935e0cedcec58e470f6c',
        created_at: '2025-04-01T12:00:00Z',
        updated_at: '2025-05-08T15:30:00Z',
      },
    },
  },
  C5: { endpoint: 'DELETE /api/whatsapp-sessions/{whatsappSession}', example: {} },
  C6: { endpoint: 'GET /api/status', example: { status: 'connected' } },
  C7: {
    endpoint: 'POST /api/whatsapp-sessions/{whatsappSession}/connect',
    example: { success: true, data: { status: 'NEED_SCAN', qrCode: '2@DTMUHeYfa9/RMXr8A2IP3/...' } },
  },
  C8: {
    endpoint: 'POST /api/whatsapp-sessions/{whatsappSession}/restart',
    example: { success: true, message: 'WhatsApp session restarted successfully.' },
  },
  C9: {
    endpoint: 'GET /api/whatsapp-sessions/{whatsappSession}/message-logs',
    example: {
      success: true,
      data: {
        current_page: 1,
        data: [
          {
            id: '1001',
            whatsapp_session_id: '501',
            to: '+155501001234',
            content: '{"text":"This is a sample message. Lorem ipsum dolor sit amet, consectetur adipiscing elit."}',
            status: 'sent',
            failed_reason: null,
            created_at: '2023-10-27 10:30:15',
            updated_at: '2023-10-27 10:30:17',
          },
          {
            id: '1002',
            whatsapp_session_id: '502',
            to: '+4455501005678',
            content: '{"text":"Hello! This is an example message sent to a user. How can we help you today?"}',
            status: 'in_progress',
            failed_reason: null,
            created_at: '2023-10-27 10:32:45',
            updated_at: '2023-10-27 10:32:48',
          },
          {
            id: '1003',
            whatsapp_session_id: '503',
            to: '+5255501009876',
            content: '{"text":"Just a test message to verify the connection."}',
            status: 'failed',
            failed_reason: 'invalid WhatsApp number',
            created_at: '2023-10-27 10:35:01',
            updated_at: '2023-10-27 10:35:03',
          },
        ],
        first_page_url: '/api/session-id-123/message-logs?page=1',
        from: 1,
        last_page: 5,
        last_page_url: '/api/session-id-123/message-logs?page=5',
        next_page_url: '/api/session-id-123/message-logs?page=2',
        path: '/api/session-id-123/message-logs',
        per_page: 3,
        prev_page_url: null,
        to: 3,
        total: 15,
      },
    },
  },
  C10: {
    endpoint: 'GET /api/whatsapp-sessions/{whatsappSession}/qrcode',
    example: { success: true, data: { qrCode: '2@DfzdTHeYfa9/RMXr8A2IP3/....' } },
  },
  C11: {
    endpoint: 'POST /api/whatsapp-sessions/{whatsappSession}/disconnect',
    example: { success: true, data: { status: 'disconnected', message: 'WhatsApp session disconnected successfully' } },
  },
  C12: {
    endpoint: 'GET /api/whatsapp-sessions/{whatsappSession}/session-logs',
    example: {
      success: true,
      data: {
        current_page: 1,
        data: [
          {
            id: 201,
            whatsapp_session_id: 1,
            event_type: 'session_restarted',
            status: 'connected',
            occurred_at: '2025-09-23T12:00:00.000000Z',
          },
          {
            id: 200,
            whatsapp_session_id: 1,
            event_type: 'status_change',
            status: 'need_scan',
            occurred_at: '2025-09-23T11:59:30.000000Z',
          },
        ],
        first_page_url: '/api/whatsapp-sessions/my-session-123/session-logs?page=1',
        from: 1,
        last_page: 3,
        last_page_url: '/api/whatsapp-sessions/my-session-123/session-logs?page=3',
        next_page_url: '/api/whatsapp-sessions/my-session-123/session-logs?page=2',
        path: '/api/whatsapp-sessions/my-session-123/session-logs',
        per_page: 2,
        prev_page_url: null,
        to: 2,
        total: 6,
      },
    },
  },
  C13: {
    endpoint: 'GET /api/user',
    example: {
      success: true,
      data: { id: '1234567890:42@s.whatsapp.net', name: 'Your WhatsApp Name', lid: 'Your LID' },
    },
  },
  C14: { endpoint: 'GET /api/on-whatsapp/{phone_number}', example: { success: true, data: { exists: true } } },
  C15: {
    endpoint: 'POST /api/whatsapp-sessions/{whatsappSession}/regenerate-key',
    example: { success: true, api_key: 'new_whatsapp_api_key_abc456' },
  },
  C16: {
    endpoint: 'POST /api/send-presence-update',
    example: { success: true, data: { jid: '123456789@whatsapp.net', type: 'composing' } },
  },
  C17: {
    endpoint: 'POST /api/contacts/{contactPhoneNumber}/block',
    example: { success: true, data: { message: 'Contact blocked' } },
  },
  C18: {
    endpoint: 'GET /api/contacts',
    example: {
      success: true,
      data: [
        {
          jid: '1234567890',
          name: 'Contact Name',
          notify: 'Contact Display Name',
          verifiedName: 'Verified Business Name',
          imgUrl: 'https://profile.pic.url/image.jpg',
          status: 'Hey there! I am using WhatsApp.',
        },
      ],
    },
  },
  C19: {
    endpoint: 'GET /api/contacts/{contactPhoneNumber}',
    example: {
      success: true,
      data: {
        id: '1234567890@placeholder.net',
        name: 'Contact Name',
        notify: 'Notification Name',
        verifiedName: null,
        imgUrl: null,
        status: null,
      },
    },
  },
  C20: {
    endpoint: 'GET /api/contacts/{contactPhoneNumber}/picture',
    example: { success: true, data: { imgUrl: 'https://profile.pic.url/image.jpg' } },
  },
  C21: {
    endpoint: 'POST /api/contacts/{contactPhoneNumber}/unblock',
    example: { success: true, data: { message: 'Contact unblocked' } },
  },
  C22: {
    endpoint: 'PUT /api/contacts',
    example: { success: true, data: { jid: '1234567890@s.whatsapp.net', fullName: 'John Doe' } },
  },
  C23: { endpoint: 'GET /api/lid-from-pn/{pn}', example: { success: true, data: { lid: '1234567890@lid' } } },
  C24: {
    endpoint: 'GET /api/pn-from-lid/{lid}',
    example: { success: true, data: { pn: '1234567890@s.whatsapp.net' } },
  },
  C25: {
    endpoint: 'POST /api/send-message',
    example: { success: true, data: { msgId: 100000, jid: '+123456789', status: 'in_progress' } },
  },
  C26: {
    endpoint: 'POST /api/decrypt-media',
    example: { success: true, publicUrl: 'https://www.wasenderapi.com/api/decrypted-media/YOUR_UNIQUE_MESSAGE_ID' },
  },
  C27: {
    endpoint: 'POST /api/upload',
    example: { success: true, publicUrl: 'https://wasenderapi.com/media/a1b2c3d4-e5f6-7890-abcd-ef1234567890.jpg' },
  },
  C28: {
    endpoint: 'POST /api/messages/{message}/resend',
    example: { success: true, message: 'Message resend initiated successfully.' },
  },
  C29: {
    endpoint: 'PUT /api/messages/{msgId}',
    example: {
      success: true,
      data: {
        remoteJid: '123456789@s.whatsapp.net',
        id: 'EN82FV0387IVR54JTE2R1',
        msgId: 100000,
        key: { id: 'EN82FV0387IVR54JTE2R1', fromMe: true, remoteJid: '123456789@s.whatsapp.net' },
        message: {
          protocolMessage: {
            key: { id: 'EN82FV0387IVR54JTE2R1', fromMe: true, remoteJid: '123456789@s.whatsapp.net' },
            type: 14,
            timestampMs: 1751302295563,
            editedMessage: { extendedTextMessage: { text: 'updated' } },
          },
        },
        messageTimestamp: '1751297488',
        status: 1,
      },
    },
  },
  C30: {
    endpoint: 'GET /api/messages/{msgId}/info',
    example: {
      success: true,
      data: {
        remoteJid: '123456789@s.whatsapp.net',
        id: 'EN82FV0387IVR54JTE2R1',
        msgId: 100000,
        key: { id: 'EN82FV0387IVR54JTE2R1', fromMe: true, remoteJid: '123456789@s.whatsapp.net' },
        message: {
          extendedTextMessage: {
            text: 'quoted',
            contextInfo: {
              stanzaId: 'SNE5U4M5OSPWHXHN1WBGV',
              participant: '123456789@s.whatsapp.net',
              quotedMessage: { extendedTextMessage: { text: 'quoted' } },
            },
          },
        },
        messageTimestamp: '1751297488',
        status: 2,
      },
    },
  },
  C31: {
    endpoint: 'DELETE /api/messages/{msgId}',
    example: { success: true, message: 'Message deleted successfully.' },
  },
  C32: { endpoint: 'POST /api/messages/read', example: { success: true, data: { status: 'read' } } },
  C33: {
    endpoint: 'POST /api/groups',
    example: {
      success: true,
      data: {
        id: '123456789-987654321@g.us',
        owner: '1122334455@s.whatsapp.net',
        subject: 'My New Group',
        creation: 1678886400,
        participants: [
          { id: '1122334455@s.whatsapp.net', admin: 'superadmin' },
          { id: '1234567890@s.whatsapp.net', admin: null },
          { id: '0987654321@s.whatsapp.net', admin: null },
        ],
      },
    },
  },
  C34: {
    endpoint: 'GET /api/groups',
    example: { success: true, data: [{ jid: '123456789-987654321@g.us', name: 'Group Name', imgUrl: null }] },
  },
  C35: {
    endpoint: 'GET /api/groups/{groupJid}/metadata',
    example: {
      success: true,
      data: {
        jid: '123456789-987654321@g.us',
        subject: 'Group Subject',
        creation: 1678886400,
        owner: 'owner_id',
        desc: 'Group Description',
        participants: [
          { jid: '123456789', isAdmin: true, isSuperAdmin: false },
          { jid: 'participant2', isAdmin: false, isSuperAdmin: false },
        ],
      },
    },
  },
  C36: {
    endpoint: 'PUT /api/groups/{groupId}/participants/update',
    example: { success: true, data: { participants: ['111111111@s.whatsapp.net'] } },
  },
  C37: {
    endpoint: 'GET /api/groups/{groupJid}/participants',
    example: {
      success: true,
      data: [{ id: '123456789012345@lid' }, { id: '987654321098765@lid', admin: 'superadmin' }],
    },
  },
  C38: {
    endpoint: 'POST /api/groups/{groupJid}/participants/add',
    example: {
      success: true,
      data: [
        { status: 200, jid: '123456789', message: 'added' },
        { status: 403, jid: 'participant2', message: 'not-authorized' },
      ],
    },
  },
  C39: {
    endpoint: 'GET /api/groups/{groupJid}/picture',
    example: { success: true, data: { imgUrl: 'https://profile.pic.url/image.jpg' } },
  },
  C40: {
    endpoint: 'POST /api/groups/{groupJid}/participants/remove',
    example: {
      success: true,
      data: [
        { status: 200, jid: '123456789', message: 'removed' },
        { status: 403, jid: 'participant2', message: 'not-authorized' },
      ],
    },
  },
  C41: {
    endpoint: 'PUT /api/groups/{groupJid}/settings',
    example: { success: true, data: { subject: 'New Group Subject', description: 'New Group Description' } },
  },
  C42: {
    endpoint: 'GET /api/groups/{groupJid}/invite-link',
    example: { success: true, inviteLink: 'https://chat.whatsapp.com/I8mjkHnC984Ubg3EVkzqxz' },
  },
  C43: {
    endpoint: 'GET /api/groups/invite/{inviteCode}',
    example: {
      success: true,
      data: {
        id: '123456789-987654321@g.us',
        subject: 'Official Project Group',
        owner: '1234567890@s.whatsapp.net',
        creation: 1672531200,
        size: 42,
        desc: 'This is the official group for project updates.',
        participants: [
          { id: '111111111@s.whatsapp.net', admin: 'superadmin' },
          { id: '222222222@s.whatsapp.net', admin: 'admin' },
        ],
      },
    },
  },
  C44: {
    endpoint: 'POST /api/groups/invite/accept',
    example: { success: true, data: { id: '123456789-987654321@g.us' } },
  },
  C45: { endpoint: 'POST /api/groups/{groupId}/leave', example: { success: true, data: {} } },
};

// The /v1 surface: authentication for every route in it, then one register call per route file.
// A new resource adds its routes here (one line each).
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core/services.js';
import { registerAuth } from './plugins/auth.js';
import { registerAccountGet } from './routes/account/get.js';
import { registerTokensCreate } from './routes/tokens/create.js';
import { registerTokensList } from './routes/tokens/list.js';
import { registerTokensRevoke } from './routes/tokens/revoke.js';
import { registerRequestRateLimit } from './plugins/rate-limit.js';
import type { UploadSlotLimits } from './plugins/upload-slots.js';
import { registerSessionsConnect } from './routes/connection/connect.js';
import { registerSessionsDisconnect } from './routes/connection/disconnect.js';
import { registerSessionsLogout } from './routes/connection/logout.js';
import { registerSessionsMe } from './routes/connection/me.js';
import { registerSessionsPairingCode } from './routes/connection/pairing-code.js';
import { registerSessionsQr } from './routes/connection/qr.js';
import { registerSessionsRestart } from './routes/connection/restart.js';
import { registerMessagesGet } from './routes/messages/get.js';
import { registerMessagesList } from './routes/messages/list.js';
import { registerMessagesSend } from './routes/messages/send.js';
import { registerMessageActionRoutes } from './routes/messages/actions.js';
import { registerWebhookRoutes } from './routes/webhooks/index.js';
import { registerGroupRoutes } from './routes/groups/index.js';
import { registerPeopleRoutes } from './routes/people/index.js';
import { registerChatRoutes } from './routes/chats/index.js';
import { registerChatsHistory } from './routes/chats/history.js';
import { registerLabelRoutes } from './routes/chats/labels.js';
import { registerChannelRoutes } from './routes/channels/index.js';
import { registerMediaRoutes } from './routes/media/index.js';
import { registerSessionsCreate } from './routes/sessions/create.js';
import { registerSessionsDelete } from './routes/sessions/delete.js';
import { registerSessionsGet } from './routes/sessions/get.js';
import { registerSessionsList } from './routes/sessions/list.js';
import { registerSessionsLogs } from './routes/sessions/logs.js';
import { registerSessionsRotateKey } from './routes/sessions/rotate-key.js';
import { registerSessionsSettingsGet } from './routes/sessions/settings-get.js';
import { registerSessionsSettingsUpdate } from './routes/sessions/settings-update.js';
import { registerSessionsUpdate } from './routes/sessions/update.js';

export interface V1Limits {
  requestsPerMinute: number;
  authFailuresPerMinute: number;
  uploads: UploadSlotLimits;
}

export async function registerV1(app: FastifyInstance, services: CoreServices, limits: V1Limits): Promise<void> {
  await app.register(
    async (v1) => {
      await registerRequestRateLimit(v1, limits.requestsPerMinute);
      registerAuth(v1, services.tokens, { failuresPerMinute: limits.authFailuresPerMinute });
      registerAccountGet(v1, services);
      registerTokensList(v1, services);
      registerTokensCreate(v1, services);
      registerTokensRevoke(v1, services);
      registerSessionsCreate(v1, services);
      registerSessionsList(v1, services);
      registerSessionsGet(v1, services);
      registerSessionsUpdate(v1, services);
      registerSessionsDelete(v1, services);
      registerSessionsRotateKey(v1, services);
      registerSessionsSettingsGet(v1, services);
      registerSessionsSettingsUpdate(v1, services);
      registerSessionsLogs(v1, services);
      registerSessionsConnect(v1, services);
      registerSessionsDisconnect(v1, services);
      registerSessionsRestart(v1, services);
      registerSessionsLogout(v1, services);
      registerSessionsQr(v1, services);
      registerSessionsPairingCode(v1, services);
      registerSessionsMe(v1, services);
      registerMessagesSend(v1, services);
      registerMessagesList(v1, services);
      registerMessagesGet(v1, services);
      registerMessageActionRoutes(v1, services); // H5: edit, revoke, resend, react, forward, star, read, presence
      registerGroupRoutes(v1, services); // issue 12: groups
      registerPeopleRoutes(v1, services); // issue 12: numbers, contacts, profile
      registerChatRoutes(v1, services); // issue 12: chats
      registerChatsHistory(v1, services);
      registerLabelRoutes(v1, services); // issue 12: labels
      registerChannelRoutes(v1, services); // issue 12: channels
      await registerWebhookRoutes(v1, services);
      await registerMediaRoutes(v1, services, limits.uploads);
    },
    { prefix: '/v1' },
  );
}

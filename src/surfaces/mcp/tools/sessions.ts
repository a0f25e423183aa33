// Session tools: list, get, create, connect, QR, pairing code, logout. Inputs are the /v1 params,
// query and body schemas; outputs the /v1 JSON.
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { z } from 'zod';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { sessionsPairingCodeBody } from '../../http/routes/connection/pairing-code.js';
import { sessionsCreateBody } from '../../http/routes/sessions/create.js';
import { sessionsListQuery } from '../../http/routes/sessions/list.js';
import { sessionIdParamsSchema, toSessionJson } from '../../http/schemas/session.js';
import type { ToolRun } from './result.js';

/** `{ session }`: the session id (`ses_…`) or name, as `/v1/sessions/{id}` takes it. */
export const sessionRefInput = z.object({ session: sessionIdParamsSchema.shape.id });

export function registerSessionTools(server: McpServer, services: CoreServices, scope: Scope, run: ToolRun): void {
  server.registerTool(
    'sessions_list',
    {
      description: 'List the WhatsApp sessions (linked numbers) this token can see, newest first, with their status.',
      inputSchema: sessionsListQuery,
    },
    (input) =>
      run(async () => {
        const page = await services.sessions.list(scope, {
          limit: input.limit,
          ...(input.cursor ? { cursor: input.cursor } : {}),
          ...(input.status ? { status: input.status } : {}),
        });
        return { data: page.data.map((s) => toSessionJson(s)), next_cursor: page.nextCursor };
      }),
  );
  server.registerTool(
    'sessions_get',
    { description: 'One session: status, phone number, settings.', inputSchema: sessionRefInput },
    ({ session }) => run(async () => ({ session: toSessionJson(await services.sessions.get(scope, session)) })),
  );
  server.registerTool(
    'sessions_create',
    {
      description:
        'Create a session (status `disconnected`); returns its session key once. Needs a personal access token.',
      inputSchema: z.object({
        session: sessionsCreateBody.describe('The /v1 POST /sessions body (name, label, settings)'),
      }),
    },
    ({ session }) =>
      run(async () => {
        const created = await services.sessions.create(scope, session ?? {});
        const key = created.sessionKey;
        return {
          session: toSessionJson(created.session),
          session_key: { token: key.token, fingerprint: key.fingerprint, created_at: key.createdAt },
        };
      }),
  );
  server.registerTool(
    'sessions_connect',
    {
      description:
        'Start connecting the session to WhatsApp. A session never linked goes to `need_scan`: then get its QR or a pairing code.',
      inputSchema: sessionRefInput,
    },
    ({ session }) => run(async () => ({ session: toSessionJson(await services.connections.connect(scope, session)) })),
  );
  server.registerTool(
    'sessions_qr',
    {
      description:
        'The current QR string to link the session (while `need_scan`); encode it as a QR code and scan it in WhatsApp > Linked devices.',
      inputSchema: sessionRefInput,
    },
    ({ session }) =>
      run(async () => {
        const { qr, expiresAt } = await services.connections.qr(scope, session);
        return { qr, expires_at: expiresAt };
      }),
  );
  server.registerTool(
    'sessions_pairing_code',
    {
      description: 'A pairing code to link the session by phone number instead of a QR (while `need_scan`).',
      inputSchema: sessionRefInput.extend(sessionsPairingCodeBody.shape),
    },
    ({ session, phone_number }) => run(() => services.connections.pairingCode(scope, session, phone_number)),
  );
  server.registerTool(
    'sessions_logout',
    {
      description: 'Unlink the session from WhatsApp (a new scan is needed to use it again).',
      inputSchema: sessionRefInput,
    },
    ({ session }) => run(async () => ({ session: toSessionJson(await services.connections.logout(scope, session)) })),
  );
}

// The account tool: who the token is (so an agent knows whether it holds a PAT or one session's key).
import type { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import type { CoreServices } from '../../../core/services.js';
import type { Scope } from '../../../core/tokens/scope.js';
import { toAccountJson } from '../../http/schemas/token.js';
import type { ToolRun } from './result.js';

export function registerAccountTools(server: McpServer, services: CoreServices, scope: Scope, run: ToolRun): void {
  server.registerTool(
    'account_get',
    {
      description:
        'The account this token belongs to, and whether it is a personal access token or a session key (and which session).',
    },
    () =>
      run(async () => ({
        account: toAccountJson(await services.accounts.get(scope)),
        token: {
          id: scope.tokenId,
          kind: scope.kind,
          session_id: scope.kind === 'session_key' ? scope.sessionId : null,
        },
      })),
  );
}

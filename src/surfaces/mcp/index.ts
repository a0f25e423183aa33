// POST /mcp: the Model Context Protocol over Streamable HTTP, stateless. Each request authenticates
// its bearer token (PAT or session key) and gets a fresh MCP server whose tools act in that token's
// scope, so nothing of one caller can reach another's tools, and any node can answer any request.
// GET (a server-to-client stream) and DELETE (end a protocol session) have no meaning without
// protocol sessions: 405, as the spec allows.
import { McpServer } from '@modelcontextprotocol/sdk/server/mcp.js';
import { StreamableHTTPServerTransport } from '@modelcontextprotocol/sdk/server/streamableHttp.js';
import type { FastifyInstance } from 'fastify';
import type { CoreServices } from '../../core/services.js';
import type { Scope } from '../../core/tokens/scope.js';
import { getScope, registerAuth } from '../http/plugins/auth.js';
import { registerRequestRateLimit } from '../http/plugins/rate-limit.js';
import { registerAccountTools } from './tools/account.js';
import { registerMessageTools } from './tools/messages.js';
import { toolRunner, type ToolRun } from './tools/result.js';
import { registerSessionTools } from './tools/sessions.js';

export interface McpSurfaceOptions {
  version: string;
  /** Requests per minute per token, the same budget as /v1. */
  requestsPerMinute: number;
  /** Requests without a valid token per client address per minute (as on /v1). */
  authFailuresPerMinute?: number;
}

function serverFor(services: CoreServices, scope: Scope, run: ToolRun, version: string): McpServer {
  const server = new McpServer({ name: 'wagate', version });
  registerAccountTools(server, services, scope, run);
  registerSessionTools(server, services, scope, run);
  registerMessageTools(server, services, scope, run);
  // Contacts and groups tools arrive with the directory (their core services do not exist yet).
  return server;
}

export async function registerMcp(
  app: FastifyInstance,
  services: CoreServices,
  options: McpSurfaceOptions,
): Promise<void> {
  await app.register(async (mcp) => {
    await registerRequestRateLimit(mcp, options.requestsPerMinute);
    registerAuth(mcp, services.tokens, { failuresPerMinute: options.authFailuresPerMinute ?? 60 });
    mcp.post('/mcp', { schema: { hide: true } }, async (req, reply) => {
      const server = serverFor(services, getScope(req), toolRunner(req.log), options.version);
      const transport = new StreamableHTTPServerTransport({ sessionIdGenerator: undefined, enableJsonResponse: true });
      reply.hijack();
      reply.raw.on('close', () => {
        void transport.close();
        void server.close();
      });
      await server.connect(transport);
      await transport.handleRequest(req.raw, reply.raw, req.body);
    });
    const notAllowed = {
      jsonrpc: '2.0',
      error: { code: -32000, message: 'Method not allowed: this MCP endpoint is stateless; use POST' },
      id: null,
    };
    mcp.get('/mcp', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(405).header('allow', 'POST').send(notAllowed),
    );
    mcp.delete('/mcp', { schema: { hide: true } }, async (_req, reply) =>
      reply.code(405).header('allow', 'POST').send(notAllowed),
    );
  });
}

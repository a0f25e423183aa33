// Tool results: the /v1 JSON as text (what every MCP client shows), or the /v1 error as an error
// result. Unknown errors are not described to the caller (as a 500 is not on /v1); they are logged.
import type { CallToolResult } from '@modelcontextprotocol/sdk/types.js';
import type { FastifyBaseLogger } from 'fastify';
import { AppError } from '../../../core/errors.js';

export type ToolRun = (fn: () => Promise<unknown>) => Promise<CallToolResult>;

export function toolRunner(log: FastifyBaseLogger): ToolRun {
  return async (fn) => {
    try {
      const value = await fn();
      return { content: [{ type: 'text', text: JSON.stringify(value, null, 2) }] };
    } catch (err) {
      if (err instanceof AppError) {
        return {
          isError: true,
          content: [
            {
              type: 'text',
              text: JSON.stringify({ error: { code: err.code, message: err.message, field: err.field } }),
            },
          ],
        };
      }
      log.error({ err }, 'MCP tool failed');
      return {
        isError: true,
        content: [
          {
            type: 'text',
            text: JSON.stringify({ error: { code: 'INTERNAL', message: 'Internal error', field: null } }),
          },
        ],
      };
    }
  };
}

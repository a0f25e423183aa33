// GET /v1/account — account.get
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { accountSchema, toAccountJson } from '../../schemas/token.js';

export const accountGetResponse = z.object({
  account: accountSchema,
  token: z
    .object({
      id: z.string(),
      kind: z.enum(['pat', 'session_key']).describe('`pat`: the whole account; `session_key`: one session'),
      session_id: z.string().nullable().describe('The session a session key is limited to; null for a PAT'),
    })
    .describe('The token that made this request'),
});
export type AccountGetResponse = z.infer<typeof accountGetResponse>;

export function registerAccountGet(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/account', {
    schema: {
      operationId: 'account.get',
      tags: ['account'],
      summary: "The caller's account",
      description: 'The account the token belongs to, and what the token may do. Any token.',
      response: { 200: accountGetResponse, ...errorResponses(...commonErrors) },
    },
    handler: async (req) => {
      const scope = getScope(req);
      const account = await services.accounts.get(scope);
      const sessionId = scope.kind === 'session_key' ? scope.sessionId : null;
      return { account: toAccountJson(account), token: { id: scope.tokenId, kind: scope.kind, session_id: sessionId } };
    },
  });
}

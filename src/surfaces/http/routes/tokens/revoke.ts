// DELETE /v1/tokens/{id} — tokens.revoke
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { tokenIdParamsSchema } from '../../schemas/token.js';

export const tokensRevokeResponse = z.object({ revoked: z.literal(true), id: z.string() });
export type TokensRevokeResponse = z.infer<typeof tokensRevokeResponse>;

export function registerTokensRevoke(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().delete('/tokens/:id', {
    schema: {
      operationId: 'tokens.revoke',
      tags: ['account'],
      summary: 'Revoke a personal access token',
      description:
        "The token is refused from the next request on (the caller's own token included). The account's last token " +
        'cannot be revoked (409 LAST_TOKEN). PAT only.',
      params: tokenIdParamsSchema,
      response: { 200: tokensRevokeResponse, ...errorResponses(...commonErrors, 403, 409) },
    },
    handler: async (req) => {
      await services.personalTokens.revoke(getScope(req), req.params.id);
      return { revoked: true as const, id: req.params.id };
    },
  });
}

// GET /v1/tokens — tokens.list
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { personalTokenSchema, toPersonalTokenJson } from '../../schemas/token.js';

export const tokensListResponse = z.object({ data: z.array(personalTokenSchema) });
export type TokensListResponse = z.infer<typeof tokensListResponse>;

export function registerTokensList(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/tokens', {
    schema: {
      operationId: 'tokens.list',
      tags: ['account'],
      summary: 'List personal access tokens',
      description: "The account's unrevoked personal access tokens, oldest first, without their values. PAT only.",
      response: { 200: tokensListResponse, ...errorResponses(...commonErrors, 403) },
    },
    handler: async (req) => {
      const tokens = await services.personalTokens.list(getScope(req));
      return { data: tokens.map(toPersonalTokenJson) };
    },
  });
}

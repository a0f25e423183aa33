// POST /v1/tokens — tokens.create
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { personalTokenSchema, toPersonalTokenJson, tokensCreateBodySchema } from '../../schemas/token.js';

export const tokensCreateResponse = z.object({
  token: personalTokenSchema.extend({
    token: z
      .string()
      .describe('The raw token. Shown only here: store it now')
      .meta({ examples: ['wg_pat_3Q0b…'] }),
  }),
});
export type TokensCreateBody = z.input<typeof tokensCreateBodySchema>;
export type TokensCreateResponse = z.infer<typeof tokensCreateResponse>;

export function registerTokensCreate(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/tokens', {
    schema: {
      operationId: 'tokens.create',
      tags: ['account'],
      summary: 'Create a personal access token',
      description:
        "A new token with the same rights as the caller's. The raw token is in this response only. PAT only.",
      body: tokensCreateBodySchema,
      response: { 201: tokensCreateResponse, ...errorResponses(...commonErrors, 403, 409) },
    },
    handler: async (req, reply) => {
      const created = await services.personalTokens.create(getScope(req), req.body);
      return reply.code(201).send({ token: { ...toPersonalTokenJson(created), token: created.token } });
    },
  });
}

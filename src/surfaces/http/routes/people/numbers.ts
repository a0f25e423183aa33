// POST /v1/sessions/{id}/numbers/check — numbers.check: which numbers are on WhatsApp.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { CoreServices } from '../../../../core/services.js';
import { DEFAULT_NUMBER_CHECK_LIMITS } from '../../../../core/contacts/people.service.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

const checkSchema = z
  .object({
    number: z.string().describe('The number as given'),
    phone: z.string().describe('E.164 digits'),
    on_whatsapp: z.boolean(),
    jid: z.string().nullable().describe('`<digits>@s.whatsapp.net` when on WhatsApp'),
    cached: z.boolean().describe('Answered from the cache (WhatsApp was not asked)'),
  })
  .meta({ id: 'NumberCheck' });

export function registerNumbersCheck(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().post('/sessions/:id/numbers/check', {
    schema: {
      operationId: 'numbers.check',
      tags: ['contacts'],
      summary: 'Which numbers are on WhatsApp',
      description: `One WhatsApp lookup for all the numbers not in the cache (answers are kept ${DEFAULT_NUMBER_CHECK_LIMITS.cacheTtlMs / 3_600_000} h). Lookups that reach WhatsApp are limited per session: ${DEFAULT_NUMBER_CHECK_LIMITS.perMinute} a minute and ${DEFAULT_NUMBER_CHECK_LIMITS.perDay} a day (429 NUMBER_LOOKUP_LIMIT).`,
      params: sessionIdParamsSchema,
      body: z.object({
        numbers: z.array(z.string().max(40)).min(1).max(DEFAULT_NUMBER_CHECK_LIMITS.maxNumbers),
      }),
      response: { 200: z.object({ data: z.array(checkSchema) }), ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req) => {
      const checks = await services.people.checkNumbers(getScope(req), req.params.id, req.body.numbers);
      return {
        data: checks.map((c, i) => ({
          number: req.body.numbers[i] ?? c.phone,
          phone: c.phone,
          on_whatsapp: c.exists,
          jid: c.jid,
          cached: c.cached,
        })),
      };
    },
  });
}

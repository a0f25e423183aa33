// OpenAPI 3.1 generated from the routes' zod schemas (/openapi.json) and Swagger UI at /docs.
import fastifySwagger from '@fastify/swagger';
import fastifySwaggerUi from '@fastify/swagger-ui';
import type { FastifyInstance } from 'fastify';
import { jsonSchemaTransform, jsonSchemaTransformObject } from 'fastify-type-provider-zod';

export async function registerOpenApi(app: FastifyInstance, info: { version: string }): Promise<void> {
  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: {
        title: 'wagate API',
        version: info.version,
        description:
          'Self-hosted WhatsApp messaging API. Authenticate with `Authorization: Bearer <token>`: a personal access ' +
          'token (`wg_pat_…`) acts on the whole account, a session key (`wg_sk_…`) on one session. Errors are ' +
          '`{ "error": { "code", "message", "field", "request_id" } }`; codes are listed in docs/errors.md.',
      },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer' } } },
      security: [{ bearerAuth: [] }],
      tags: [
        { name: 'account', description: 'The caller\'s account and its personal access tokens' },
        { name: 'sessions', description: 'Linked WhatsApp numbers, their settings, keys and logs' },
        { name: 'system', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: jsonSchemaTransformObject,
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

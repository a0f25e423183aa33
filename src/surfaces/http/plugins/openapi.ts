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
        { name: 'account', description: "The caller's account and its personal access tokens" },
        { name: 'sessions', description: 'Linked WhatsApp numbers, their settings, keys and logs' },
        { name: 'system', description: 'Health and readiness' },
      ],
    },
    transform: jsonSchemaTransform,
    transformObject: (doc) => declareBinaryResponses(jsonSchemaTransformObject(doc)),
  });
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' });
  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger());
}

/**
 * Responses that are files, not JSON: the zod response schema can only describe JSON, so these
 * operations' 200 gets its binary content types added here (a client generator then knows the QR
 * route can answer a PNG, and the public media URL a file).
 */
const BINARY_RESPONSES: Record<string, string[]> = {
  'sessions.qr': ['image/png'],
  'media.file': [
    'image/png',
    'image/jpeg',
    'image/webp',
    'video/mp4',
    'audio/ogg',
    'audio/mpeg',
    'application/pdf',
    'application/octet-stream',
  ],
};

type OpenApiDoc = ReturnType<typeof jsonSchemaTransformObject>;

function declareBinaryResponses(doc: OpenApiDoc): OpenApiDoc {
  const paths =
    (
      doc as {
        paths?: Record<
          string,
          Record<string, { operationId?: string; responses?: Record<string, { content?: Record<string, unknown> }> }>
        >;
      }
    ).paths ?? {};
  for (const item of Object.values(paths)) {
    for (const op of Object.values(item)) {
      const types = op.operationId ? BINARY_RESPONSES[op.operationId] : undefined;
      const ok = op.responses?.['200'];
      if (!types || !ok) continue;
      // The public file has no JSON answer at all; the QR route keeps its JSON form beside the PNG.
      if (op.operationId === 'media.file') ok.content = {};
      for (const type of types) (ok.content ??= {})[type] = { schema: { type: 'string', format: 'binary' } };
    }
  }
  return doc;
}

// GET /v1/sessions/{id}/qr — sessions.qr: the QR to scan, as JSON or as a PNG image.
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import QRCode from 'qrcode';
import { z } from 'zod';
import { QR_MAX_WAIT_MS } from '../../../../core/runtime/connection.service.js';
import type { CoreServices } from '../../../../core/services.js';
import { getScope } from '../../plugins/auth.js';
import { commonErrors, errorResponses } from '../../plugins/error-envelope.js';
import { sessionIdParamsSchema } from '../../schemas/session.js';

export const sessionsQrQuery = z.strictObject({
  format: z.enum(['json', 'png']).optional().describe('`png` for an image (same as `Accept: image/png`)'),
  wait: z.coerce
    .number()
    .int()
    .min(0)
    .max(QR_MAX_WAIT_MS / 1000)
    .optional()
    .describe(
      'Seconds (at most 30) to wait for the QR while the session is connecting, e.g. right after `connect`; the wait ends early when the connection fails',
    ),
});
export const sessionsQrResponse = z.object({
  qr: z.string().describe('The string to encode in a QR code (WhatsApp > Linked devices > Link a device)'),
  expires_at: z.string().describe('When this QR stops working; a new one replaces it'),
});
export type SessionsQrResponse = z.infer<typeof sessionsQrResponse>;

export function registerSessionsQr(app: FastifyInstance, services: CoreServices): void {
  app.withTypeProvider<ZodTypeProvider>().get('/sessions/:id/qr', {
    schema: {
      operationId: 'sessions.qr',
      tags: ['sessions'],
      summary: 'Get the QR code to link the session',
      description:
        'The current QR while the session is `need_scan`. It changes as WhatsApp rotates it. Right after `connect` the QR is ' +
        'on its way: `?wait=10` waits for it (up to 30 s). Otherwise 409 QR_NOT_AVAILABLE, whose message says why (the ' +
        "session's state and its `last_error`). Send `Accept: image/png` or `?format=png` for a PNG image.",
      params: sessionIdParamsSchema,
      querystring: sessionsQrQuery,
      response: { 200: sessionsQrResponse, ...errorResponses(...commonErrors, 409) },
    },
    handler: async (req, reply) => {
      const { qr, expiresAt } = await services.connections.qr(
        getScope(req),
        req.params.id,
        (req.query.wait ?? 0) * 1000,
      );
      const wantsPng =
        req.query.format === 'png' || (req.query.format !== 'json' && (req.headers.accept ?? '').includes('image/png'));
      if (wantsPng) {
        const png = await QRCode.toBuffer(qr, { type: 'png', margin: 2, width: 320, errorCorrectionLevel: 'M' });
        // A Buffer skips the JSON serializer; the typed reply only knows the JSON shape.
        return reply
          .type('image/png')
          .header('cache-control', 'no-store')
          .send(png as never);
      }
      return reply.header('cache-control', 'no-store').send({ qr, expires_at: expiresAt.toISOString() });
    },
  });
}
